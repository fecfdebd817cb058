/// Every field reclaimd writes to the journal, named once: the writers (`EventAuditEntry`, `RunJournal`,
/// `PolicyJournal`, the connection lines of `ConnectionReport`) and `report`, which reads them back, use these
/// and nothing else, so a renamed field renames both sides or fails to compile.
public enum JournalField {
    /// The log-line metadata key that sets MESSAGE_ID instead of a field.
    public static let messageIDMetadataKey = "message_id"

    // One per engine event (`EventAuditEntry`).
    public static let resource = JournalEntry.FieldName("resource")
    public static let action = JournalEntry.FieldName("action")
    /// Absent before removals became events (reclaimd 0.1.0).
    public static let kind = JournalEntry.FieldName("kind")
    public static let reclaimedBytes = JournalEntry.FieldName("reclaimed_bytes")
    public static let eventTime = JournalEntry.FieldName("event_time_ns")
    public static let engine = JournalEntry.FieldName("engine")
    public static let eventKey = JournalEntry.FieldName("event_key")
    public static let actorID = JournalEntry.FieldName("actor_id")
    /// containerd's namespace of the event's object.
    public static let namespace = JournalEntry.FieldName("namespace")

    // Connections (`ConnectionReport`) and gaps.
    public static let engineHost = JournalEntry.FieldName("engine_host")
    public static let windowStart = JournalEntry.FieldName("window_start")
    public static let windowEnd = JournalEntry.FieldName("window_end")

    // Hook runs (`RunJournal`).
    public static let rule = JournalEntry.FieldName("rule")
    public static let runID = JournalEntry.FieldName("run_id")
    public static let eventCount = JournalEntry.FieldName("event_count")
    /// A run's: `quiet` or `max_delay`; a policy summary's: `start`, `interval`, `event` or `manual`.
    public static let trigger = JournalEntry.FieldName("trigger")
    public static let resources = JournalEntry.FieldName("resources")
    public static let dryRun = JournalEntry.FieldName("dry_run")
    public static let stream = JournalEntry.FieldName("stream")
    public static let outputBytes = JournalEntry.FieldName("output_bytes")
    public static let droppedBytes = JournalEntry.FieldName("dropped_bytes")
    public static let outcome = JournalEntry.FieldName("outcome")
    public static let exitStatus = JournalEntry.FieldName("exit_status")
    public static let signal = JournalEntry.FieldName("signal")
    public static let durationMilliseconds = JournalEntry.FieldName("duration_ms")

    // Garbage collection (`PolicyJournal`).
    public static let policy = JournalEntry.FieldName("policy")
    public static let objectID = JournalEntry.FieldName("object_id")
    public static let references = JournalEntry.FieldName("references")
    public static let size = JournalEntry.FieldName("size")
    public static let reason = JournalEntry.FieldName("reason")
    public static let lastUsed = JournalEntry.FieldName("last_used")
    public static let removed = JournalEntry.FieldName("removed")
    public static let error = JournalEntry.FieldName("error")
    public static let freedBytes = JournalEntry.FieldName("freed_bytes")
    public static let usageBefore = JournalEntry.FieldName("usage_before")
    public static let usageAfter = JournalEntry.FieldName("usage_after")
    public static let count = JournalEntry.FieldName("count")
    public static let failed = JournalEntry.FieldName("failed")
    /// Objects outside the policy's `only` scope; only with `only`.
    public static let outsidePolicy = JournalEntry.FieldName("outside_policy")
}
