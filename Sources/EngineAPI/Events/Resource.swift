/// The kinds of engine object whose prune frees space.
public enum Resource: String, Sendable, Hashable, CaseIterable, Comparable {
    case container
    case image
    case volume
    case network
    case builder

    public static func < (lhs: Resource, rhs: Resource) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
