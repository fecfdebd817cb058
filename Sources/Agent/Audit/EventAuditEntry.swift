import EngineAPI
import EventModel
import Formats
import Journal

/// The journal entry that records one engine event: exactly one per event, so `journalctl` is the audit trail.
public enum EventAuditEntry {
    /// `image prune reclaimed 9.3 MB` with RECLAIMD_RESOURCE, _ACTION, _RECLAIMED_BYTES (omitted when unknown),
    /// _EVENT_TIME_NS, _ENGINE, _EVENT_KEY (stable: the same event always has the same key) and _ACTOR_ID.
    public static func entry(for event: ReclaimEvent) -> JournalEntry {
        var entry = JournalEntry(message: message(for: event), priority: .info, messageID: .eventReceived)
        entry.add(Field.resource, event.resource)
        entry.add(Field.action, event.action)
        entry.add(Field.kind, event.kind)
        if let bytes = event.reclaimedBytes {
            entry.add(Field.reclaimedBytes) { JSONText.appendDecimal(bytes, to: &$0) }
        }
        entry.add(Field.eventTime) { JSONText.appendDecimal(event.time.nanoseconds, to: &$0) }
        entry.add(Field.engine, event.source)
        entry.add(Field.eventKey, event.key.description)
        if !event.actorID.isEmpty {
            entry.add(Field.actorID, event.actorID)
        }
        return entry
    }

    /// The fields' names, normalized once rather than for every event.
    private enum Field {
        static let resource = JournalEntry.FieldName("resource")
        static let action = JournalEntry.FieldName("action")
        static let kind = JournalEntry.FieldName("kind")
        static let reclaimedBytes = JournalEntry.FieldName("reclaimed_bytes")
        static let eventTime = JournalEntry.FieldName("event_time_ns")
        static let engine = JournalEntry.FieldName("engine")
        static let eventKey = JournalEntry.FieldName("event_key")
        static let actorID = JournalEntry.FieldName("actor_id")
    }

    /// What a person reads in `journalctl`.
    static func message(for event: ReclaimEvent) -> String {
        if event.isPrune {
            let amount = event.reclaimedBytes.map(ByteCountText.decimal) ?? "unknown bytes"
            return "\(event.resource) prune reclaimed \(amount)"
        }
        if event.kind == EventKind.freed {
            return "filesystem of \(event.actorID) freed \(ByteCountText.decimal(event.reclaimedBytes ?? 0))"
        }
        let actor = event.actorID.isEmpty ? "" : " \(event.actorID.prefix(12))"
        return "\(event.resource) \(event.action)\(actor)"
    }
}
