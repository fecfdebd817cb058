import EventModel

/// Which events a follower wants, in the common model's words: resources and kinds (`EventKind`), plus the raw
/// action names a user's rules spell out. Each adapter turns it into its own server-side filter, and may deliver
/// more than asked (a filter is an optimisation, never a promise): consumers match events themselves.
public struct EventSelection: Sendable, Equatable {
    /// Resources (object types) wanted; nil: every resource.
    public var resources: Set<String>?
    /// Kinds wanted; nil: every event, of any kind.
    public var kinds: Set<String>?
    /// Raw action names wanted besides the kinds, as the user wrote them in a rule's `actions` (`destroy`). An
    /// adapter passes on those its engine knows.
    public var actions: Set<String>

    public init(resources: Set<String>? = nil, kinds: Set<String>? = nil, actions: Set<String> = []) {
        self.resources = resources
        self.kinds = kinds
        self.actions = actions
    }

    /// Every event.
    public static let everything = EventSelection()
    /// Prunes of every resource: what the agent always audits, even without rules.
    public static let prunes = EventSelection(kinds: [EventKind.prune])
    /// Prunes, removals and freed space: `reclaimd events` without `--all`.
    public static let spaceFreeing = EventSelection(kinds: EventKind.spaceFreeing)
}

extension EventSelection {
    /// Whether `event` is one the selection asks for: for adapters whose engine cannot filter as finely as the
    /// selection, so that only what was asked for reaches the agent (and its journal).
    public func admits(_ event: ReclaimEvent) -> Bool {
        if let resources, !resources.contains(event.resource) { return false }
        guard let kinds else { return true }
        return kinds.contains(event.kind) || actions.contains(event.action)
    }
}
