import Journal

/// The journal fields `report` reads, named once, from the same normalization the writers use.
enum ReportField {
    static let messageID = "MESSAGE_ID"
    static let message = "MESSAGE"
    /// The writing process: outages pair a process's "lost" with its own next "connected".
    static let pid = "_PID"
    static let resource = JournalFieldName.project("resource")
    static let action = JournalFieldName.project("action")
    /// Absent before removals became events (reclaimd 0.1.0).
    static let kind = JournalFieldName.project("kind")
    static let reclaimedBytes = JournalFieldName.project("reclaimed_bytes")
    static let eventKey = JournalFieldName.project("event_key")
    static let rule = JournalFieldName.project("rule")
    static let outcome = JournalFieldName.project("outcome")
    static let durationMilliseconds = JournalFieldName.project("duration_ms")
    static let stream = JournalFieldName.project("stream")
    static let windowStart = JournalFieldName.project("window_start")
    static let windowEnd = JournalFieldName.project("window_end")
    static let engineHost = JournalFieldName.project("engine_host")
    static let policy = JournalFieldName.project("policy")
    static let size = JournalFieldName.project("size")
    static let reason = JournalFieldName.project("reason")
    static let removed = JournalFieldName.project("removed")
}
