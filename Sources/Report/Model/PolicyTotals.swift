/// What one garbage-collection policy removed, and why, from its removal entries.
public struct PolicyTotals: Sendable, Equatable {
    /// Objects the engine removed, by reason (`size`, `max_unused`).
    public var removedByReason: [String: Int] = [:]
    /// The sum of RECLAIMD_SIZE of the objects removed (each object's own size, as the policy saw it).
    public var removedBytes: UInt64 = 0
    /// Removals the engine refused (journaled as warnings).
    public var refused = 0
    /// Objects a dry run would have removed.
    public var planned = 0
    /// Evaluation summaries by trigger (`start`, `interval`, `event`, `manual`; `unknown` for entries without
    /// one): a policy over images and containers writes one summary per resource.
    public var evaluationsByTrigger: [String: Int] = [:]

    public init() {}

    public var removed: Int { removedByReason.values.reduce(0, +) }

    public var evaluations: Int { evaluationsByTrigger.values.reduce(0, +) }
}
