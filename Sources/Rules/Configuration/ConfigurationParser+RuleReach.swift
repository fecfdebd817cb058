import TOML

/// Whether a rule can ever fire: its actions default to what its resources emit, and a rule whose resources and
/// actions no source can produce together is refused where it says so, with the combination that would match.
extension ConfigurationParser.Context {
    /// Fills in the default actions and refuses a rule that can never match.
    mutating func settleActions(_ table: TOMLTable, into rule: inout RuleDefinition) {
        guard let actionsEntry = table["actions"] else {
            rule.actions = vocabulary.defaultActions(for: rule.resources)
            if rule.actions.isEmpty, let entry = table["resources"] {
                fail(
                    entry.valuePosition,
                    "rule \"\(rule.name)\" can never match: no source reports a prune, removal or freed space for \(listed(rule.resources)); name its actions (raw engine actions such as \"destroy\")"
                )
            }
            return
        }
        let matches = rule.resources.contains { resource in
            rule.actions.contains { vocabulary.canEmit(resource: resource, action: $0) }
        }
        guard !matches else { return }
        let position = actionsEntry.valuePosition
        var ways: [String] = []
        let defaults = vocabulary.defaultActions(for: rule.resources)
        if !defaults.isEmpty {
            ways.append(
                "actions = [\(defaults.map { "\"\($0)\"" }.joined(separator: ", "))] (the default) for \(listed(rule.resources))"
            )
        }
        let resourcesForActions = vocabulary.resources.filter { resource in
            rule.actions.contains { vocabulary.canEmit(resource: resource, action: $0) }
        }
        if !resourcesForActions.isEmpty {
            ways.append(
                "resources = [\(resourcesForActions.map { "\"\($0)\"" }.joined(separator: ", "))] for \(listed(rule.actions))"
            )
        }
        let what =
            "rule \"\(rule.name)\" can never match: no source reports \(listed(rule.actions)) for \(listed(rule.resources))"
        fail(position, ways.isEmpty ? what : "\(what); use \(ways.joined(separator: ", or "))")
    }

    private func listed(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
