import DockerAPI
import EngineAdapter
import EventModel
import FuzzSupport

/// `EventStreamDecoder`: the same items whatever the chunking, and the same events for either engine.
enum StreamCheck {
    /// Decodes the input whole and, for Docker, in arbitrary chunks and (when short) byte by byte; all must agree,
    /// warnings (with their byte offsets) included. Returns the items. (Chunking is the framer's business, which
    /// does not depend on the engine: checking it for one engine saves a third of the time per input.)
    static func itemsAlike(_ input: FuzzInput, engine: EngineKind) -> [EventStreamDecoder.Item] {
        var whole = EventStreamDecoder(engine: engine)
        let items = whole.feed(input.bytes) + whole.finish()
        guard engine == .docker else { return items }

        var chunked = EventStreamDecoder(engine: engine)
        var chunkedItems: [EventStreamDecoder.Item] = []
        var start = 0
        for size in input.chunkSizes() {
            chunkedItems += chunked.feed(input.bytes[start..<start + size])
            start += size
        }
        chunkedItems += chunked.finish()
        invariant(chunkedItems == items, "\(engine): chunked decoding differs from whole: \(chunkedItems) vs \(items)")

        // Byte by byte costs a feed per byte: for short inputs only.
        if input.bytes.count <= 128 {
            var bytewise = EventStreamDecoder(engine: engine)
            var bytewiseItems: [EventStreamDecoder.Item] = []
            for byte in input.bytes {
                bytewiseItems += bytewise.feed(CollectionOfOne(byte))
            }
            bytewiseItems += bytewise.finish()
            invariant(bytewiseItems == items, "\(engine): byte-by-byte decoding differs from whole")
        }
        return items
    }

    /// Docker and Podman read the same lines into the same events; only the engine differs (and which missing
    /// `reclaimed` values are warned about, which is not compared here).
    static func enginesAgree(_ eventsByEngine: [EngineKind: [ReclaimEvent]]) {
        let docker = (eventsByEngine[.docker] ?? []).map { relabeled($0) }
        let podman = (eventsByEngine[.podman] ?? []).map { relabeled($0) }
        invariant(docker == podman, "Docker and Podman decode the same stream differently: \(docker) vs \(podman)")
    }

    private static func relabeled(_ event: ReclaimEvent) -> ReclaimEvent {
        var copy = event
        // Engines name removals differently (`kind`), and nothing else: compare what is left.
        copy.source = EngineKind.docker.rawValue
        copy.kind = copy.action
        return copy
    }
}
