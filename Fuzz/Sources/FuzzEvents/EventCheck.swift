import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FuzzSupport

/// One decoded event: its reclaimed bytes follow the documented rule, and its JSON (`events --json`, a hook's
/// stdin) is valid JSON that decodes back to exactly the event's values, its RFC 3339 time included.
enum EventCheck {
    /// The documented keys of `events --json`, decoded by Foundation's JSONDecoder: an independent reader.
    private struct PrintedEvent: Decodable, Equatable {
        var time: String
        var time_nano: Int64
        var engine: String
        var resource: String
        var action: String
        var kind: String
        var reclaimed_bytes: UInt64?
        var actor_id: String
        var attributes: [String: String]
    }

    static func check(_ event: ReclaimEvent, engine: EngineKind) {
        invariant(event.source == engine.rawValue, "event of \(event.source) from the \(engine) decoder")
        invariant(event.kind == EventNormalizer(engine: engine).kind(of: EngineEvent(type: event.resource, action: event.action, time: event.time)),
                  "kind \(event.kind) is not the normalizer's for \(event.resource) \(event.action)")
        invariant(event.reclaimedBytes == expectedBytes(event),
                  "reclaimed bytes \(String(describing: event.reclaimedBytes)) for \(event)")

        let json = event.json
        let printed: PrintedEvent
        do {
            printed = try JSONDecoder().decode(PrintedEvent.self, from: Data(json.utf8))
        } catch {
            invariant(false, "event JSON does not decode (\(error)): \(json)")
            return
        }
        let expected = PrintedEvent(
            time: event.time.rfc3339, time_nano: event.time.nanoseconds, engine: engine.rawValue,
            resource: event.resource, action: event.action, kind: event.kind, reclaimed_bytes: event.reclaimedBytes,
            actor_id: event.actorID, attributes: event.attributes)
        invariant(printed == expected, "event JSON reads back differently: \(json)")
        invariant(Timestamp(rfc3339: printed.time) == event.time,
                  "time \(printed.time) does not read back to \(event.time.nanoseconds)")
        invariant(EventKey(of: EngineEvent(type: event.resource, action: event.action, actorID: event.actorID,
                                           attributes: event.attributes, time: event.time)) == event.key,
                  "event key is not a function of the event's fields")
    }

    /// Only prunes carry bytes: a `reclaimed` of ASCII digits that fits in UInt64, nothing else.
    private static func expectedBytes(_ event: ReclaimEvent) -> UInt64? {
        guard event.action == "prune", let text = event.attributes["reclaimed"], !text.isEmpty,
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { return nil }
        return UInt64(text)
    }
}
