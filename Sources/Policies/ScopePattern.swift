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

}

/// A policy's `only`, parsed once per decision: what the policy is responsible for.
public struct PolicyScope: Sendable {
    private let patterns: [ScopePattern]

    public init(_ only: [String]) {
        patterns = only.compactMap(ScopePattern.init)
    }

    /// Whether the policy has an `only`: without one everything is in scope and nothing is counted outside.
    public var isLimited: Bool { !patterns.isEmpty }

    /// Whether an object with these names and labels is within the scope: any pattern matches, or there are none.
    public func contains(names: [String], labels: [String: String]) -> Bool {
        !isLimited || patterns.contains { $0.matches(names: names, labels: labels) }
    }

    /// An image, by its `repository:tag` references and labels.
    public func contains(_ image: ImageRecord) -> Bool {
        contains(names: image.references, labels: image.labels)
    }

    /// A container, by its name and labels.
    public func contains(_ container: ContainerRecord) -> Bool {
        contains(names: [container.name], labels: container.labels)
    }
}
