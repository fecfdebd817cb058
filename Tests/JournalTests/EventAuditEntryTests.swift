import EventModel
import JournalFormat
import Testing
import Time

/// The audit entry's message: what a person reads in `journalctl` for one event.
@Suite("event audit entry")
struct EventAuditEntryTests {
    static func event(_ resource: String, _ action: String, actor: String, source: String = "docker") -> ReclaimEvent {
        ReclaimEvent(
            source: source, resource: resource, action: action, kind: EventKind.remove, reclaimedBytes: nil,
            actorID: actor, attributes: [:], time: Timestamp(nanoseconds: 1), key: EventKey(hashing: [actor]))
    }

    @Test("IDs are cut to 12 characters as before; names are kept whole, so containerd's images can be told apart")
    func actors() {
        let image = "sha256:" + String(repeating: "c87db3a1", count: 8)
        let container = String(repeating: "3f4e5d6c", count: 8)
        #expect(
            EventAuditEntry.entry(for: Self.event("image", "delete", actor: image)).message
                == "image delete sha256:c87db")
        #expect(
            EventAuditEntry.entry(for: Self.event("container", "destroy", actor: container)).message
                == "container destroy 3f4e5d6c3f4e")
        #expect(
            EventAuditEntry.entry(
                for: Self.event("image", "delete", actor: "docker.io/library/bbx:1", source: "containerd")
            ).message
                == "image delete docker.io/library/bbx:1")
    }
}
