/// What event sources can report: the resources (object types) whose events rules may select, and the kinds of
/// event each resource has. Each source declares its own; a configuration is checked against the union of the
/// sources the agent runs, so the rule language is not tied to one engine's five types, and a rule that can
/// never match anything (`resources = ["filesystem"]` with engine actions) is refused instead of waiting forever.
public struct EventVocabulary: Sendable, Equatable {
    /// Resource names, in the order they are listed in messages and `check`; a rule without `resources`
    /// selects all of them.
    public var resources: [String]
    /// The neutral kinds (`EventKind`: prune, remove, freed, use) each resource's events can have.
    public var kinds: [String: [String]]
    /// Resources whose events also carry an engine's raw action names (`destroy`, `untag`), which rules may
    /// select by: every engine resource, not the filesystem source's.
    public var rawActionResources: Set<String>

    /// The neutral kinds, as `EventKind` names them (Rules does not depend on the event model): an action that
    /// is one of these selects by kind, any other by the engine's raw action name.
    public static let neutralKinds = ["prune", "remove", "freed", "use"]
    /// The kinds that free space, in the order a rule's default actions list them.
    public static let spaceFreeingKinds = ["prune", "remove", "freed"]
    /// What an engine resource has when its family says no more: prunes and removals, and raw actions.
    public static let engineKinds = ["prune", "remove"]

    /// Resources with the given kinds; those in `rawActionResources` also have raw actions.
    public init(resources: [String], kinds: [String: [String]], rawActionResources: Set<String>) {
        self.resources = resources
        self.kinds = kinds
        self.rawActionResources = rawActionResources
    }

    /// Engine resources with prunes, removals and raw actions; `filesystem` (the filesystem source) with `freed`
    /// only.
    public init(resources: [String]) {
        var kinds: [String: [String]] = [:]
        var raw = Set<String>()
        for resource in resources {
            if resource == FilesystemWatch.resource {
                kinds[resource] = ["freed"]
            } else {
                kinds[resource] = Self.engineKinds
                raw.insert(resource)
            }
        }
        self.init(resources: resources, kinds: kinds, rawActionResources: raw)
    }

    /// Both vocabularies, without repeats, in order of first appearance; a resource both name has the kinds of
    /// either.
    public func union(_ other: EventVocabulary) -> EventVocabulary {
        var seen = Set<String>()
        var merged = kinds
        for (resource, more) in other.kinds {
            let have = merged[resource] ?? []
            merged[resource] = have + more.filter { !have.contains($0) }
        }
        return EventVocabulary(
            resources: (resources + other.resources).filter { seen.insert($0).inserted }, kinds: merged,
            rawActionResources: rawActionResources.union(other.rawActionResources))
    }

    /// Whether some source can emit an event of `resource` that a rule's `action` selects: one of the
    /// resource's kinds, or, on a resource with raw actions, any name that is not a neutral kind.
    public func canEmit(resource: String, action: String) -> Bool {
        if kinds[resource, default: []].contains(action) { return true }
        return rawActionResources.contains(resource) && !Self.neutralKinds.contains(action)
    }

    /// A rule's actions when it names none: the space-freeing kinds its resources have (`freed` for
    /// `filesystem`, `prune` and `remove` for engine resources).
    public func defaultActions(for selected: [String]) -> [String] {
        Self.spaceFreeingKinds.filter { kind in selected.contains { kinds[$0, default: []].contains(kind) } }
    }

    /// The resources, in vocabulary order, that can emit an event `action` selects.
    public func resources(emitting action: String) -> [String] {
        resources.filter { canEmit(resource: $0, action: action) }
    }
}
