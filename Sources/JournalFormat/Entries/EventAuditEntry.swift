import EventModel
import Formats
import Time

/// The journal entry that records one engine event: exactly one per event, so `journalctl` is the audit trail.
public enum EventAuditEntry {
    /// `image prune reclaimed 9.3 MB` with RECLAIMD_RESOURCE, _ACTION, _RECLAIMED_BYTES (omitted when unknown),
    /// _EVENT_TIME_NS, _ENGINE, _EVENT_KEY (stable: the same event always has the same key) and _ACTOR_ID.
    public static func entry(for event: ReclaimEvent) -> JournalEntry {
        var entry = JournalEntry(message: message(for: event), priority: .info, messageID: .eventReceived)
        entry.add(JournalField.resource, event.resource)
        entry.add(JournalField.action, event.action)
        entry.add(JournalField.kind, event.kind)
        if let bytes = event.reclaimedBytes {
            entry.add(JournalField.reclaimedBytes) { JSONText.appendDecimal(bytes, to: &$0) }
        }
        entry.add(JournalField.eventTime) { JSONText.appendDecimal(event.time.nanoseconds, to: &$0) }
        entry.add(JournalField.engine, event.source)
        entry.add(JournalField.eventKey, event.key.description)
        if !event.actorID.isEmpty {
            entry.add(JournalField.actorID, event.actorID)
        }
        if let namespace = event.attributes["namespace"] {
            entry.add(JournalField.namespace, namespace)
        }
        return entry
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
        let actor = event.actorID.isEmpty ? "" : " \(shortened(event.actorID))"
        return "\(event.resource) \(event.action)\(actor)"
    }

    /// An object ID cut to 12 characters as before (`sha256:c87db`, `3f4e5d6c7b8a`); a name (an image reference,
    /// a volume, a containerd image or container) as it is, up to 80 characters, so that a person can tell which.
    static func shortened(_ actor: String) -> String {
        let hex = actor.hasPrefix("sha256:") ? actor.dropFirst(7) : Substring(actor)
        let isID =
            hex.utf8.count == 64 && hex.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        return String(actor.prefix(isID ? 12 : 80))
    }
}
