import Formats
import Time

/// An event as reclaimd reasons about it, whatever source reported it: the common model every engine adapter
/// (Docker and Podman's API, containerd) and the filesystem source turn their world into, with reclaimed bytes
/// parsed.
public struct ReclaimEvent: Sendable, Hashable {
    /// The source that reported it: `docker`, `podman` or `containerd` for engines, `filesystem`. Printed and
    /// journaled as `engine`.
    public var source: String
    /// The object type as the source named it, e.g. `image`; the source's vocabulary lists them.
    public var resource: String
    /// What happened, as the source named it, e.g. `prune`, `destroy`.
    public var action: String
    /// What it means, the same on every engine (`EventKind`): `prune`, `remove`, `freed`, `use`; any other event
    /// keeps its raw action here.
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
    /// For a `use`: the images used. Not printed: the attributes carry the engine's own names for them.
    public var imageUse: ImageUse?

    public init(
        source: String, resource: String, action: String, kind: String? = nil, reclaimedBytes: UInt64?, actorID: String,
        attributes: [String: String], time: Timestamp, key: EventKey, imageUse: ImageUse? = nil
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
        self.imageUse = imageUse
    }

    /// Whether this is a prune event.
    public var isPrune: Bool { kind == EventKind.prune }

    /// Whether it frees space: a prune, a removal, or free space that grew.
    public var freesSpace: Bool { EventKind.spaceFreeing.contains(kind) }

    /// The event as one JSON object, the form of `reclaimd events --json` and of a hook's stdin.
    public var json: String {
        String(decoding: jsonBytes, as: UTF8.self)
    }

    /// `json` as UTF-8 bytes, the form output is written in.
    public var jsonBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(200 + actorID.utf8.count + attributes.count * 48)
        appendJSON(to: &bytes)
        return bytes
    }

    /// Appends `json`'s bytes: built straight into the output buffer, once per event printed or batched.
    /// The keys are fixed and need no escaping, so they are written as they are; the values are escaped.
    public func appendJSON(to bytes: inout [UInt8]) {
        JSONText.appendLiteral(#"{"time":""#, to: &bytes)
        time.appendRFC3339(to: &bytes)
        JSONText.appendLiteral(#"","time_nano":"#, to: &bytes)
        JSONText.appendDecimal(time.nanoseconds, to: &bytes)
        JSONText.appendLiteral(#","engine":"#, to: &bytes)
        JSONText.appendQuoted(source, to: &bytes)
        JSONText.appendLiteral(#","resource":"#, to: &bytes)
        JSONText.appendQuoted(resource, to: &bytes)
        JSONText.appendLiteral(#","action":"#, to: &bytes)
        JSONText.appendQuoted(action, to: &bytes)
        JSONText.appendLiteral(#","kind":"#, to: &bytes)
        JSONText.appendQuoted(kind, to: &bytes)
        JSONText.appendLiteral(#","reclaimed_bytes":"#, to: &bytes)
        if let reclaimedBytes {
            JSONText.appendDecimal(reclaimedBytes, to: &bytes)
        } else {
            JSONText.appendLiteral("null", to: &bytes)
        }
        JSONText.appendLiteral(#","actor_id":"#, to: &bytes)
        JSONText.appendQuoted(actorID, to: &bytes)
        JSONText.appendLiteral(#","attributes":{"#, to: &bytes)
        var isFirst = true
        attributes.forEachSortedByName { name, value in
            if !isFirst { bytes.append(UInt8(ascii: ",")) }
            isFirst = false
            JSONText.appendQuoted(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(value, to: &bytes)
        }
        JSONText.appendLiteral("}}", to: &bytes)
    }
}
