import Rules

/// An `only` pattern: what a policy is responsible for. `label:KEY=VALUE` matches an object with label KEY whose
/// value matches the glob VALUE (`label:team=*` any value); anything else is a `keep`-style glob on an image's
/// `repository:tag` or a container's name.
public enum ScopePattern: Sendable, Equatable {
    case reference(ReferencePattern)
    case label(key: String, value: ReferencePattern)

    /// The pattern as written; nil when a `label:` pattern has no `KEY=` (the configuration refuses it).
    public init?(_ text: String) {
        guard let (key, value) = PolicyDefinition.labelPattern(text) else {
            self = .reference(ReferencePattern(text))
            return
        }
        guard !key.isEmpty else { return nil }
        self = .label(key: key, value: ReferencePattern(value))
    }

    /// Whether an object with these names and labels matches.
    public func matches(names: [String], labels: [String: String]) -> Bool {
        switch self {
        case .reference(let pattern): return names.contains(where: pattern.matches)
        case .label(let key, let value): return labels[key].map(value.matches) ?? false
        }
    }

    /// Whether an object is within a policy's scope: any pattern matches, or there are none.
    public static func inScope(_ patterns: [ScopePattern], names: [String], labels: [String: String]) -> Bool {
        patterns.isEmpty || patterns.contains { $0.matches(names: names, labels: labels) }
    }
}
