import Formats

/// An event as reclaimd reasons about it, whatever source reported it: the common model every event source
/// (the Docker and Podman engines today) turns its world into, with reclaimed bytes parsed.
public struct ReclaimEvent: Sendable, Hashable {
    /// The source that reported it: `docker` or `podman` for engines. Printed and journaled as `engine`.
    public var source: String
    /// The object type as the source named it, e.g. `image`; the source's vocabulary lists them.
    public var resource: String
    /// What happened, as the source named it, e.g. `prune`, `destroy`.
    public var action: String
    /// What it means for disk space, the same on every engine (`EventKind`): `prune`, `remove`, `freed`; any
    /// other event keeps its raw action here.
    public var kind: String
    /// Bytes the engine says were freed; nil when not reported or not a valid count.
    public var reclaimedBytes: UInt64?
    /// The actor's ID (empty for prunes).
    public var actorID: String
    /// The actor's attributes, untouched.
    public var attributes: [String: String]
    /// When it happened.
    public var time: Timestamp
    /// The event's stable key.
    public var key: EventKey

    public init(
        source: String, resource: String, action: String, kind: String? = nil, reclaimedBytes: UInt64?, actorID: String,
        attributes: [String: String], time: Timestamp, key: EventKey
    ) {
        self.source = source
        self.resource = resource
        self.action = action
        self.kind = kind ?? action
        self.reclaimedBytes = reclaimedBytes
        self.actorID = actorID
        self.attributes = attributes
        self.time = time
        self.key = key
    }

    /// Whether this is a prune event.
    public var isPrune: Bool { kind == EventKind.prune }

    /// Whether it frees space: a prune, a removal, or free space that grew.
    public var freesSpace: Bool { EventKind.spaceFreeing.contains(kind) }

    /// The event as one JSON object, the form of `reclaimd events --json` and of a hook's stdin.
    public var json: String {
        var writer = JSONObjectWriter()
        writer.add("time", time.rfc3339)
        writer.add("time_nano", time.nanoseconds)
        writer.add("engine", source)
        writer.add("resource", resource)
        writer.add("action", action)
        writer.add("kind", kind)
        writer.add("reclaimed_bytes", reclaimedBytes)
        writer.add("actor_id", actorID)
        writer.add("attributes", attributes)
        return writer.finish()
    }
}
