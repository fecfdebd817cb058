import EngineAdapter
import EventModel

/// A selection in the Engine API's words: `GET /events` filters (`{"type":[…],"event":[…]}`, keys AND, values OR).
public enum DockerFilter {
    /// What engines of this API report: the five object types whose prunes free space.
    public static let resources = ["container", "image", "volume", "network", "builder"]

    /// The neutral kinds each type's events have on Docker or Podman (`EventNormalizer`): networks are only
    /// pruned (a `destroy` frees nothing worth a trim), the build cache only pruned, and only images and
    /// containers are used.
    public static let kinds: [String: [String]] = [
        "container": [EventKind.prune, EventKind.remove, EventKind.use],
        "image": [EventKind.prune, EventKind.remove, EventKind.use],
        "volume": [EventKind.prune, EventKind.remove],
        "network": [EventKind.prune],
        "builder": [EventKind.prune],
    ]

    /// The filters for `selection`: only the engine's own types (another source's, such as `filesystem`, would
    /// make it refuse the request), each kind as the raw actions Docker and Podman send for it, and the raw
    /// actions the rules name. Without any type of its own left, the engine is still followed for its prunes,
    /// which are always audited.
    public static func filters(for selection: EventSelection) -> [String: [String]] {
        var result: [String: [String]] = [:]
        if let wanted = selection.resources {
            let own = resources.filter(wanted.contains)
            guard !own.isEmpty else { return ["event": [EventKind.prune]] }
            result["type"] = own.sorted()
        }
        if let kinds = selection.kinds {
            let raw = kinds.flatMap(EventNormalizer.actions(of:)) + selection.actions
            result["event"] = Array(Set(raw)).sorted()
        }
        return result
    }
}
