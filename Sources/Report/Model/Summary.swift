/// Everything `report` says about a set of entries: the whole window, or one group of it.
///
/// Kept as per-resource and per-rule parts plus lists, so the figures of the whole are sums of the parts and any
/// two summaries merge.
public struct Summary: Sendable, Equatable {
    /// Per resource type, from event entries.
    public var resources: [String: ResourceTotals] = [:]
    /// Per rule, from runFinished and hookOutput entries.
    public var rules: [String: RuleTotals] = [:]
    /// Growth of free space the filesystem source saw (`freed` events): not engine-reported, so apart from
    /// `reclaimedBytes`, which it would count twice.
    public var filesystemFreedBytes: UInt64 = 0
    /// `freed` events.
    public var filesystemFreedEvents = 0
    /// Windows in which events may have been missed.
    public var gaps: [Gap] = []
    /// Times disconnected from the engine.
    public var outages: [Outage] = []
    /// Per garbage-collection policy, from its removal entries.
    public var policies: [String: PolicyTotals] = [:]

    public init() {}

    public var reclaimedBytes: UInt64 { resources.values.reduce(0) { $0.addingSaturating($1.reclaimedBytes) } }
    public var prunes: Int { resources.values.reduce(0) { $0 + $1.prunes } }
    public var prunesWithoutBytes: Int { resources.values.reduce(0) { $0 + $1.prunesWithoutBytes } }
    public var removals: Int { resources.values.reduce(0) { $0 + $1.removals } }

    /// Every rule's runs together.
    public var allRuns: RuleTotals {
        rules.values.reduce(into: RuleTotals()) { $0.merge($1) }
    }

    /// The time of the outages that ended, in milliseconds; open ones have no known length.
    public var disconnectedMilliseconds: UInt64 {
        outages.reduce(0) { $0.addingSaturating($1.milliseconds ?? 0) }
    }

    /// Outages not (yet) followed by a reconnect.
    public var openOutages: Int { outages.count { $0.end == nil } }

    /// Whether nothing at all was counted.
    public var isEmpty: Bool {
        resources.isEmpty && rules.isEmpty && filesystemFreedEvents == 0 && gaps.isEmpty && outages.isEmpty
            && policies.isEmpty
    }
}
