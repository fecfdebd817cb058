/// What event sources can report: the resources (object types) whose events rules may select. Each source
/// declares its own; a configuration is checked against the union of the sources the agent runs, so the rule
/// language is not tied to one engine's five types.
public struct EventVocabulary: Sendable, Equatable {
    /// Resource names, in the order they are listed in messages and `check`; a rule without `resources`
    /// selects all of them.
    public var resources: [String]

    public init(resources: [String]) {
        self.resources = resources
    }

    /// Both vocabularies, without repeats, in order of first appearance.
    public func union(_ other: EventVocabulary) -> EventVocabulary {
        var seen = Set<String>()
        return EventVocabulary(resources: (resources + other.resources).filter { seen.insert($0).inserted })
    }
}
