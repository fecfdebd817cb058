import EventModel
import Formats
import Time

/// How `reclaimd events` prints an event for a person.
enum EventLineFormatter {
    /// `2026-11-22T16:14:30.061770555Z  image      prune  reclaimed 9.3 MB (9322288 bytes)`
    static func humanLine(_ event: ReclaimEvent) -> String {
        var line = "\(event.time.rfc3339)  \(padded(event.resource, 9))  \(padded(event.action, 5))"
        if event.kind == EventKind.freed {
            line += "  \(event.actorID)  reclaimed \(ByteCountText.decimalWithExact(event.reclaimedBytes ?? 0))"
        } else if event.isPrune {
            if let bytes = event.reclaimedBytes {
                line += "  reclaimed \(ByteCountText.decimalWithExact(bytes))"
            } else {
                line += "  reclaimed unknown"
            }
        } else {
            if !event.actorID.isEmpty { line += "  \(event.actorID.prefix(12))" }
            if let name = event.attributes["name"] { line += "  name=\(name)" }
        }
        return line
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
