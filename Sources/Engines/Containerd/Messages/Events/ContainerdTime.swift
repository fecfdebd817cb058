/// A point in time as containerd sends it (protobuf's Timestamp): seconds and nanoseconds since the Unix epoch,
/// UTC. Kept as the two numbers so that callers convert to their own clock type without a loss.
public struct ContainerdTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    public var description: String { "\(seconds).\(nanoseconds)s" }
}
