import JournalFormat

/// The journal fields `report` reads: journald's own, and reclaimd's from `JournalField`, the names the writers
/// write with.
enum ReportField {
    static let messageID = "MESSAGE_ID"
    static let message = "MESSAGE"
    /// The writing process: outages pair a process's "lost" with its own next "connected".
    static let pid = "_PID"
    /// The machine that wrote the entry, as journald stamped it: what `--by host` groups by, the machine ID when an
    /// entry has no host name.
    static let hostname = "_HOSTNAME"
    static let machineID = "_MACHINE_ID"
    static let resource = JournalField.resource.name
    static let action = JournalField.action.name
    /// Absent before removals became events (reclaimd 0.1.0).
    static let kind = JournalField.kind.name
    static let reclaimedBytes = JournalField.reclaimedBytes.name
    static let eventKey = JournalField.eventKey.name
    static let rule = JournalField.rule.name
    static let outcome = JournalField.outcome.name
    static let durationMilliseconds = JournalField.durationMilliseconds.name
    static let stream = JournalField.stream.name
    static let windowStart = JournalField.windowStart.name
    static let windowEnd = JournalField.windowEnd.name
    static let engineHost = JournalField.engineHost.name
    static let policy = JournalField.policy.name
    static let size = JournalField.size.name
    static let reason = JournalField.reason.name
    static let removed = JournalField.removed.name
    static let trigger = JournalField.trigger.name
}
