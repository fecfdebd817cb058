import ContainerdMessages

/// An image as containerd's images service lists it: its name (a full reference such as
/// `docker.io/library/busybox:latest`), labels, when its record was made and last changed, and what it points at
/// (a manifest or an index, by digest and media type).
public struct ContainerdImage: Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var createdAt: ContainerdTime
    public var updatedAt: ContainerdTime
    public var target: ContainerdDescriptor

    public init(
        name: String, labels: [String: String], createdAt: ContainerdTime, updatedAt: ContainerdTime,
        target: ContainerdDescriptor
    ) {
        self.name = name
        self.labels = labels
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.target = target
    }
}
