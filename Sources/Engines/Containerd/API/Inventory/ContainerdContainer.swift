import ContainerdMessages

/// A container record as containerd's containers service lists it: its id, the image it was made from (empty
/// for one made without an image), labels, and when it was created. A record, not a process: its task, if any,
/// is the tasks service's business.
public struct ContainerdContainer: Sendable, Equatable {
    public var id: String
    public var image: String
    public var labels: [String: String]
    public var createdAt: ContainerdTime

    public init(id: String, image: String, labels: [String: String], createdAt: ContainerdTime) {
        self.id = id
        self.image = image
        self.labels = labels
        self.createdAt = createdAt
    }
}
