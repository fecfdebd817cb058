import EngineAdapter
import EventModel
import Rules

/// Which events the agent asks its sources for, in the common model's words.
extension AgentLoop {
    /// The union of the rules' resources and actions (an action that names a kind selects the kind; any other,
    /// the raw action, which the adapter passes on). Without rules the agent still audits every prune. With
    /// policies, also the uses of images, from which they learn last use.
    public static func selection(_ configuration: AgentConfiguration) -> EventSelection {
        let rules = configuration.rules
        guard !rules.isEmpty || !configuration.policies.isEmpty else { return .prunes }
        var resources = Set(rules.flatMap(\.resources))
        let actions = Set(rules.flatMap(\.actions))
        var kinds = actions.intersection(EventKind.all)
        if !configuration.policies.isEmpty {
            resources.formUnion(["container", "image"])
            kinds.insert(EventKind.use)
        }
        return EventSelection(resources: resources, kinds: kinds, actions: actions.subtracting(EventKind.all))
    }
}
