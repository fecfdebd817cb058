/// What the engine says one image removal did: the references it untagged and the images it deleted. Garbage
/// collection plans the next removals from it instead of measuring the engine again after every removal, so an
/// answer must only say what the engine itself reported.
public struct ImageRemoval: Sendable, Equatable {
    /// References the engine untagged (`repository:tag`).
    public var untagged: [String]
    /// Image IDs the engine deleted, as its inventory names them (IDs that are not images, such as Docker's layer
    /// IDs, are ignored); nil when the engine does not say (an engine whose images exist only by their names,
    /// such as containerd): then an image counts as deleted when its last reference is untagged, or when it was
    /// removed by its ID.
    public var deleted: [String]?

    public init(untagged: [String], deleted: [String]?) {
        self.untagged = untagged
        self.deleted = deleted
    }
}
