import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Rules

/// The generated event stream the benchmarks read: the same shapes as `scripts/bench/firehose` sends, so the
/// in-process figure and the firehose's can be compared.
enum EventCorpus {
    /// Events in one iteration.
    static let count = 10_000
    /// Bytes per chunk, about what one socket read delivers.
    static let chunkSize = 64 << 10

    enum Mix {
        /// Every event a container `destroy`, as in the issue's measurement.
        case destroy
        /// 80 % container lifecycle (create, start, die, destroy), 20 % prunes.
        case mixed
    }

    /// The NDJSON stream of `count` distinct events, cut into `chunkSize` pieces regardless of line ends.
    static func chunks(mix: Mix) -> [[UInt8]] {
        var stream: [UInt8] = []
        for index in 0..<count {
            let line = mix == .mixed && index % 5 == 4 ? prune(index) : container(index, lifecycle(mix, index))
            stream.append(contentsOf: line.utf8)
            stream.append(UInt8(ascii: "\n"))
        }
        return stride(from: 0, to: stream.count, by: chunkSize).map {
            Array(stream[$0..<min($0 + chunkSize, stream.count)])
        }
    }

    /// Frames, decodes and normalizes every chunk, as the event stream reader does.
    static func decodeAll(_ chunks: [[UInt8]]) -> [ReclaimEvent] {
        var decoder = EventStreamDecoder(engine: .docker)
        var events: [ReclaimEvent] = []
        events.reserveCapacity(count)
        for chunk in chunks {
            for item in decoder.feed(chunk) {
                if case .event(let event) = item { events.append(event) }
            }
        }
        return events
    }

    /// The agent's rule step for every event: the rule event with its JSON (a hook's stdin), matched against the
    /// default trim rule; returns how many matched. A fresh engine per iteration keeps the batch from growing.
    static func matchAll(_ events: [ReclaimEvent]) -> Int {
        var engine = RuleDecider(rules: AgentConfiguration.builtIn.rules)
        let rule = AgentConfiguration.builtIn.rules[0]
        var matched = 0
        let now = MonotonicTime(nanoseconds: 1)
        for event in events {
            let ruleEvent = RuleEvent(resource: event.resource, action: event.action, kind: event.kind,
                                      reclaimedBytes: event.reclaimedBytes, time: event.time, json: event.json)
            if rule.matches(ruleEvent) { matched += 1 }
            _ = engine.handle(ruleEvent, at: now)
        }
        return matched
    }

    private static func lifecycle(_ mix: Mix, _ index: Int) -> String {
        mix == .destroy ? "destroy" : ["create", "start", "die", "destroy"][index % 4]
    }

    private static func nanos(_ index: Int) -> Int64 { 1_795_364_605_000_000_000 + Int64(index) * 1000 }

    private static func hexID(_ index: Int) -> String {
        let word = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        let hex = String(word, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return String(repeating: padded, count: 4)
    }

    private static func container(_ index: Int, _ action: String) -> String {
        let id = hexID(index)
        let time = nanos(index)
        return #"{"status":"\#(action)","id":"\#(id)","from":"busybox:latest","Type":"container","Action":"\#(action)","#
            + #""Actor":{"ID":"\#(id)","Attributes":{"image":"busybox:latest","name":"job-\#(index)"}},"#
            + #""scope":"local","time":\#(time / 1_000_000_000),"timeNano":\#(time)}"#
    }

    private static func prune(_ index: Int) -> String {
        let type = ["container", "image", "volume", "network", "builder"][index % 5]
        let time = nanos(index)
        return #"{"Type":"\#(type)","Action":"prune","Actor":{"ID":"","Attributes":{"reclaimed":"\#(1_048_576 + index)"}},"#
            + #""scope":"local","time":\#(time / 1_000_000_000),"timeNano":\#(time)}"#
    }
}
