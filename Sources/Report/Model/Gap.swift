import Formats
import Time

/// A window in which events may have been missed (an eventsMayBeMissed entry): the engine no longer held them when
/// reclaimd reconnected.
public struct Gap: Sendable, Equatable {
    /// When the warning was written.
    public var time: Timestamp
    /// RECLAIMD_WINDOW_START and _END as written (RFC 3339); nil when the entry lacks them.
    public var start: String?
    public var end: String?

    public init(time: Timestamp, start: String?, end: String?) {
        self.time = time
        self.start = start
        self.end = end
    }
}
