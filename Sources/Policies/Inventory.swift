import Formats
import Time

/// An image as the engine lists it, reduced to what a policy decides on.
public struct ImageRecord: Sendable, Equatable {
    /// The engine's ID, e.g. `sha256:…`.
    public var id: String
    /// The image it was built on (the legacy builder's parent chain), when the engine knows one.
    public var parentID: String?
    /// `repository:tag` references; empty for a dangling or intermediate image.
    public var references: [String]
    public var created: Timestamp
    /// What removing it alone frees: its size minus what it shares with other images.
    public var size: UInt64
    /// Other names the engine's events may use for it (Podman's events say `app:1` for `localhost/app:1`): its
    /// adapter knows them; last use counts them, removals never use them.
    public var aliases: [String]
    /// What it shares with other images, when the engine says (0 otherwise): removing it can free up to this much
    /// more than `size` (when it was the last to share), so garbage collection measures again after removing it.
    public var shared: UInt64
    /// Its labels (`LABEL` in a Dockerfile), which `only = ["label:KEY=VALUE"]` matches.
    public var labels: [String: String]

    public init(
        id: String, parentID: String? = nil, references: [String], created: Timestamp, size: UInt64,
        aliases: [String] = [], shared: UInt64 = 0, labels: [String: String] = [:]
    ) {
        self.id = id
        self.parentID = parentID
        self.references = references
        self.created = created
        self.size = size
        self.aliases = aliases
        self.shared = shared
        self.labels = labels
    }
}

/// A container as the engine lists it.
public struct ContainerRecord: Sendable, Equatable {
    public var id: String
    /// Its name, without the leading `/`.
    public var name: String
    /// The ID of the image it was created from: a strong reference, whatever its state.
    public var imageID: String
    /// `running`, `exited`, `created`, `paused`, …
    public var state: String
    public var created: Timestamp
    /// When it stopped, for an exited container.
    public var finished: Timestamp?
    /// Its writable layer.
    public var size: UInt64
    /// Its labels (`--label`), which `only = ["label:KEY=VALUE"]` matches.
    public var labels: [String: String]

    public init(
        id: String, name: String, imageID: String, state: String, created: Timestamp, finished: Timestamp? = nil,
        size: UInt64 = 0, labels: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.imageID = imageID
        self.state = state
        self.created = created
        self.finished = finished
        self.size = size
        self.labels = labels
    }
}

/// What the engine holds, measured at one moment: the input of a policy's decision.
public struct Inventory: Sendable, Equatable {
    /// Every image, intermediate ones included (their parent links connect the chain).
    public var images: [ImageRecord]
    /// Every container, running or not.
    public var containers: [ContainerRecord]
    /// The images' disk usage as the engine measures it (shared layers once).
    public var imageUsage: UInt64

    public init(images: [ImageRecord], containers: [ContainerRecord], imageUsage: UInt64) {
        self.images = images
        self.containers = containers
        self.imageUsage = imageUsage
    }
}
