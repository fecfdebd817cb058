import Formats
import Time

/// The report of one window: totals, groups if asked for, and what could not be read.
public struct Report: Sendable, Equatable {
    /// One group of `--by`: a day (`2026-11-22`), week (`2026-W47`), rule or resource type.
    public struct Group: Sendable, Equatable {
        public var key: String
        public var summary: Summary

        public init(key: String, summary: Summary) {
            self.key = key
            self.summary = summary
        }
    }

    /// The window asked for; nil ends are open.
    public var since: Timestamp?
    public var until: Timestamp?
    public var grouping: ReportGrouping?
    /// Entries read in the window, used or not.
    public var entries = 0
    /// The first and last entry's time.
    public var firstEntry: Timestamp?
    public var lastEntry: Timestamp?
    /// Entries that could not be used (written by another version, damaged), by reason.
    public var skipped: [String: Int] = [:]
    /// Event entries whose RECLAIMD_EVENT_KEY was already counted (the same event journaled twice, e.g. by `run`
    /// and `events --journal`), counted once.
    public var duplicateEvents = 0
    public var total = Summary()
    /// In order: periods chronologically (empty ones included), rules and resources by name.
    public var groups: [Group] = []

    public init(since: Timestamp? = nil, until: Timestamp? = nil, grouping: ReportGrouping? = nil) {
        self.since = since
        self.until = until
        self.grouping = grouping
    }

    /// Whether the window held no entries of reclaimd at all.
    public var isEmpty: Bool { entries == 0 }

    public var skippedEntries: Int { skipped.values.reduce(0, +) }
}
