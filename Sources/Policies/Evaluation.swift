import Formats
import Time

/// What became of one planned removal.
public struct RemovalOutcome: Sendable, Equatable {
    public var removal: Removal
    /// nil in a dry run; else whether the engine removed it.
    public var removed: Bool?
    /// The engine's message when it refused.
    public var error: String?

    public init(removal: Removal, removed: Bool?, error: String? = nil) {
        self.removal = removal
        self.removed = removed
        self.error = error
    }
}

/// One evaluation of one policy on one resource.
public struct EvaluationSummary: Sendable, Equatable {
    public var policy: String
    public var resource: String
    public var dryRun: Bool
    public var usageBefore: UInt64
    public var usageAfter: UInt64
    /// Freed (measured) or, in a dry run, what the plan would free.
    public var freed: UInt64
    /// Objects removed (or, in a dry run, planned).
    public var count: Int
    /// Removals the engine refused.
    public var failed: Int
    public var duration: Duration
    /// Why it was evaluated.
    public var trigger: EvaluationTrigger
    /// Objects outside the policy's `only` scope, left alone; nil without `only` (and for build cache).
    public var outsideScope: Int?

    public init(
        policy: String, resource: String, dryRun: Bool, usageBefore: UInt64, usageAfter: UInt64, freed: UInt64,
        count: Int, failed: Int = 0, duration: Duration = .zero, trigger: EvaluationTrigger = .manual,
        outsideScope: Int? = nil
    ) {
        self.policy = policy
        self.resource = resource
        self.dryRun = dryRun
        self.usageBefore = usageBefore
        self.usageAfter = usageAfter
        self.freed = freed
        self.count = count
        self.failed = failed
        self.duration = duration
        self.trigger = trigger
        self.outsideScope = outsideScope
    }
}
