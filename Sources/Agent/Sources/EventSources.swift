import Rules

/// The event sources this build knows, and what they can report together.
public enum EventSources {
    /// The union of every source's vocabulary: what a rule's `resources` may name.
    public static let vocabulary = EngineEventSource.vocabulary.union(FilesystemEventSource.vocabulary)
}
