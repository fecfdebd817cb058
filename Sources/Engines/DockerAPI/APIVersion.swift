import EngineAdapter
/// An Engine API version such as `1.41`, compared numerically (so `1.9 < 1.41`).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    /// The highest version this client speaks. Events, `/info` and `/_ping` have kept the fields we read
    /// through every version since 1.41, the first with prune events.
    public static let highestSupported = APIVersion(major: 1, minor: 45)
    /// The lowest version with `prune` events.
    public static let lowestWithPruneEvents = APIVersion(major: 1, minor: 41)

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `MAJOR.MINOR`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            return nil
        }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
