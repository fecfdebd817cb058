import Formats
import Time

/// What one entry means to the report, once decoded.
enum ReportItem: Sendable, Equatable {
    /// An engine event that frees space.
    case event(EventItem)
    /// A hook run ended.
    case run(rule: String, outcome: RunOutcome, milliseconds: UInt64?)
    /// A hook printed fstrim's report.
    case trim(rule: String, line: FstrimLine)
    case gap(Gap)
    case engineLost(pid: Int, host: String?)
    case engineConnected(pid: Int)
    /// A garbage-collection policy removed an object, was refused, or (dry run) would have removed it.
    case policyRemoval(PolicyRemovalItem)
    /// A policy's evaluation summary (one per resource it covers), and what triggered it (nil before 0.9).
    case policyEvaluation(policy: String, trigger: String?)
    /// Not usable, with the reason the report counts it under.
    case skipped(String)
    /// Nothing to count: other hook output, events that free no space.
    case ignored

    /// A policy removal entry's meaning.
    struct PolicyRemovalItem: Sendable, Equatable {
        enum Outcome: Sendable, Equatable {
            case removed, refused, planned
        }

        var policy: String
        var resource: String
        /// `size` or `max_unused`.
        var reason: String
        var size: UInt64
        var outcome: Outcome
    }

    /// An event entry's meaning.
    struct EventItem: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case prune, removal, filesystemFreed
        }

        var resource: String
        var kind: Kind
        /// The engine's count; nil when absent or not a number.
        var bytes: UInt64?
        /// RECLAIMD_EVENT_KEY, to count an event journaled twice once.
        var key: String?
    }
}
