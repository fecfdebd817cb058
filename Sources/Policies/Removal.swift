import Formats
import Time

/// Why a policy removes an object.
public enum RemovalReason: String, Sendable, Equatable {
    /// Usage is above `max_total_size`: least recently used first, down to the target.
    case size
    /// Not used for longer than `max_unused`.
    case maxUnused = "max_unused"
}

/// One object a policy removes, in the order it removes them.
public struct Removal: Sendable, Equatable {
    public var policy: String
    /// `image` or `container`.
    public var resource: String
    public var id: String
    /// Its references (an image's tags; a container's name).
    public var references: [String]
    public var size: UInt64
    public var lastUsed: Timestamp
    public var reason: RemovalReason

    public init(
        policy: String, resource: String, id: String, references: [String], size: UInt64, lastUsed: Timestamp,
        reason: RemovalReason
    ) {
        self.policy = policy
        self.resource = resource
        self.id = id
        self.references = references
        self.size = size
        self.lastUsed = lastUsed
        self.reason = reason
    }
}
