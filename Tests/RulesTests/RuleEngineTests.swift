import Formats
import Time
import Rules
import TestSupport
import Testing

@Suite("RuleDecider")
struct RuleEngineTests {
    private let start = Timestamp(seconds: 1_795_364_605)

    private func at(_ milliseconds: Int64) -> Timestamp {
        start.advanced(by: .milliseconds(milliseconds))
    }

    /// The simulated clock's reading at that point: simulate's clock is the events' own times.
    private func clock(_ milliseconds: Int64) -> MonotonicTime {
        MonotonicTime(nanoseconds: at(milliseconds).nanoseconds)
    }

    private func event(
        _ resource: String, _ bytes: UInt64?, _ milliseconds: Int64, action: String = "prune"
    ) -> RuleEvent {
        RuleEvent(resource: resource, action: action, reclaimedBytes: bytes, time: at(milliseconds), json: "{}")
    }

    private func rule(
        _ name: String = "trim", threshold: UInt64 = 0, quiet: Duration = .seconds(10),
        maxDelay: Duration = .seconds(60), cooldown: Duration = .zero,
        resources: [String] = ["container", "image", "volume", "network", "builder"]
    ) -> RuleDefinition {
        RuleDefinition(
            name: name, resources: resources, threshold: threshold, quiet: quiet, maxDelay: maxDelay,
            cooldown: cooldown, hook: ["/bin/true"])
    }

    /// Feeds events at their own times and runs the clock on, through the same driver `simulate` uses.
    private func simulate(
        _ rules: [RuleDefinition], _ events: [RuleEvent], hookDuration: Duration = .zero
    ) -> [Decision] {
        Simulation.run(rules: rules, events: events, hookDuration: hookDuration).decisions
    }

    @Test("one docker system prune (five events in milliseconds) makes exactly one run, after quiet")
    func oneRunPerBurst() {
        let burst = [
            event("container", 2_097_152, 0), event("network", 0, 1), event("volume", 3_145_728, 2),
            event("image", 9_322_288, 3), event("builder", 0, 4),
        ]
        let decisions = simulate([rule()], burst)
        #expect(decisions.count == 1)
        #expect(decisions.first?.time == clock(10_004))
        #expect(decisions.first?.trigger == .quiet)
        #expect(decisions.first?.batch.totalBytes == 14_565_168)
        #expect(decisions.first?.batch.events.count == 5)
        #expect(decisions.first?.batch.resources == ["builder", "container", "image", "network", "volume"])
    }

    @Test("events during a run form the next batch: exactly one follow-up after the run ends")
    func followUp() {
        let events = [event("image", 10, 0)] + (0..<20).map { event("volume", 1, 1_500 + Int64($0) * 100) }
        let decisions = simulate([rule(quiet: .seconds(1))], events, hookDuration: .seconds(30))
        #expect(decisions.count == 2)
        #expect(decisions[0].time == clock(1_000))
        #expect(decisions[0].batch.totalBytes == 10)
        #expect(decisions[1].time == clock(31_000), "starts when the first run ends, its quiet having passed")
        #expect(decisions[1].batch.events.count == 20)
    }

    @Test("below threshold the batch accumulates across bursts until it reaches it")
    func thresholdAccumulates() {
        let events = [
            event("image", 6_000_000, 0), event("image", 3_000_000, 100_000), event("volume", nil, 150_000),
            event("image", 2_000_000, 200_000),
        ]
        let decisions = simulate([rule(threshold: 10_000_000, quiet: .seconds(5))], events)
        #expect(decisions.count == 1)
        #expect(decisions.first?.time == clock(205_000))
        #expect(decisions.first?.batch.totalBytes == 11_000_000)
        #expect(decisions.first?.batch.events.count == 4, "the unknown-bytes event is in the batch, counted as 0")
    }

    @Test("max_delay fires under a never-ending stream")
    func maxDelay() {
        let stream = (0..<100).map { event("image", 1, Int64($0) * 5_000) }  // every 5 s for 495 s
        let decisions = simulate([rule(quiet: .seconds(10), maxDelay: .seconds(60))], stream)
        // An event at the very instant of a run belongs to the next batch, which arms at that instant.
        #expect(
            decisions.dropLast().map(\.time)
                == stride(from: 60_000, through: 480_000, by: 60_000).map { clock(Int64($0)) })
        #expect(decisions.dropLast().allSatisfy { $0.trigger == .maxDelay })
        // After the stream ends, the last batch waits only for quiet.
        #expect(decisions.last?.time == clock(505_000))
        #expect(decisions.last?.trigger == .quiet)
        #expect(decisions.reduce(0) { $0 + $1.batch.events.count } == 100)
    }

    @Test("cooldown spaces run starts")
    func cooldown() {
        let decisions = simulate(
            [rule(quiet: .seconds(1), cooldown: .seconds(100))], [event("image", 1, 0), event("image", 1, 5_000)])
        #expect(decisions.map(\.time) == [clock(1_000), clock(101_000)])
    }

    @Test("quiet 0 fires on the event itself")
    func quietZero() {
        var engine = RuleDecider(rules: [rule(quiet: .zero)])
        let decisions = engine.handle(event("image", 5, 0), at: clock(0))
        #expect(decisions.count == 1)
        #expect(decisions.first?.time == clock(0))
    }

    @Test("rules are independent; non-matching types and actions are ignored")
    func independent() {
        let rules = [
            rule("images", quiet: .seconds(1), resources: ["image"]),
            rule("volumes", quiet: .seconds(3), resources: ["volume"]),
        ]
        let events = [
            event("image", 1, 0), event("volume", 2, 0), event("container", 5, 0),
            event("image", 100, 500, action: "delete"),
        ]
        let decisions = simulate(rules, events, hookDuration: .seconds(60))
        #expect(decisions.map(\.rule) == ["images", "volumes"])
        #expect(decisions.map(\.batch.totalBytes) == [1, 2])
        #expect(decisions.map(\.time) == [clock(1_000), clock(3_000)], "one rule's long run does not hold the other")
    }

    @Test("property: whatever the stream, every matched byte is fired or pending, never twice; runs never overlap")
    func noTriggerLost() {
        var generator = SplitMix(seed: 2026)
        for _ in 0..<300 {
            let quiet = Duration.milliseconds(Int64(generator.next() % 3000))
            let hookDuration = Duration.milliseconds(Int64(generator.next() % 5000))
            let rules = [
                rule(
                    threshold: generator.next() % 50, quiet: quiet,
                    maxDelay: .milliseconds(Int64(generator.next() % 8000)),
                    cooldown: .milliseconds(Int64(generator.next() % 4000)))
            ]
            var time: Int64 = 0
            var total: UInt64 = 0
            let events = (0..<Int(generator.next() % 60)).map { _ -> RuleEvent in
                time += Int64(generator.next() % 2000)
                let bytes = generator.next() % 4 == 0 ? nil : generator.next() % 20
                total += bytes ?? 0
                return event(["image", "volume", "container"][Int(generator.next() % 3)], bytes, time)
            }
            let result = Simulation.run(rules: rules, events: events, hookDuration: hookDuration)
            let decisions = result.decisions
            let fired = decisions.reduce(UInt64(0)) { $0 + $1.batch.totalBytes }
            let pending = result.pending["trim"] ?? Batch()
            #expect(fired + pending.totalBytes == total)
            #expect(decisions.reduce(0) { $0 + $1.batch.events.count } + pending.events.count == events.count)
            #expect(
                pending.totalBytes < rules[0].threshold || pending.isEmpty, "what is left never reached the threshold")
            for (earlier, later) in zip(decisions, decisions.dropFirst()) {
                #expect(later.time >= earlier.time.advanced(by: hookDuration), "one run at a time")
            }
        }
    }
}
