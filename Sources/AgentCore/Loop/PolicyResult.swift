import Formats
import Time
import Policies

/// What one evaluation of a policy did, as the driver reports it to the loop: for `status` and the metrics only
/// (the loop's decisions never read it).
public struct PolicyResult: Sendable, Equatable {
    /// Objects of one resource removed for one reason.
    public struct Removals: Sendable, Hashable {
        public var resource: String
        /// `size` or `max_unused`.
        public var reason: String

        public init(resource: String, reason: String) {
            self.resource = resource
            self.reason = reason
        }
    }

    /// Objects the engine removed (a dry run removes none), by resource and reason.
    public var removed: [Removals: Int] = [:]
    /// Bytes freed as measured (a dry run frees none).
    public var freed: UInt64 = 0
    /// Removals the engine refused.
    public var refused = 0
    public var dryRun = false

    public init() {}

    /// From the evaluation's removal outcomes and its summaries (one per resource).
    public init(outcomes: [RemovalOutcome], summaries: [EvaluationSummary], dryRun: Bool) {
        self.dryRun = dryRun
        for outcome in outcomes where outcome.removed == true {
            removed[
                Removals(resource: outcome.removal.resource, reason: outcome.removal.reason.rawValue), default: 0] += 1
        }
        refused = outcomes.count { $0.removed == false }
        if !dryRun { freed = summaries.reduce(0) { $0.addingSaturating($1.freed) } }
    }

    /// Objects removed in all.
    public var removedCount: Int { removed.values.reduce(0, +) }
}
