/// An event's payload as a small neutral value: the protobuf type URL containerd named it by, and the fields
/// that identify what the event is about (`name`, `id`, `key`, `digest`, `image`, `parent`, ...) as ordered
/// string attributes, in the order of the message's fields.
///
/// Labels become attributes `label.KEY`, in key order. A payload of a type this client does not know has its
/// type URL and no attributes; one whose bytes do not decode has no attributes and says why in `undecodable`.
public struct ContainerdEventPayload: Sendable, Equatable {
    public var typeURL: String
    public var attributes: [Attribute]
    /// The payload's serialized bytes as containerd sent them: for records, fixtures and diagnostics.
    public var bytes: [UInt8]
    /// Why the payload's bytes did not decode as the type its URL names; nil when they did (or the type is unknown).
    public var undecodable: String?

    /// One field of the payload: its protobuf field name (labels: `label.KEY`) and its value as text.
    public struct Attribute: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }

        public var description: String { "\(name)=\(value)" }
    }

    public init(typeURL: String, attributes: [Attribute], bytes: [UInt8] = [], undecodable: String? = nil) {
        self.typeURL = typeURL
        self.attributes = attributes
        self.bytes = bytes
        self.undecodable = undecodable
    }

    /// The first attribute called `name`.
    public subscript(name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The message name the type URL ends in (after its last `/`): `containerd.events.ContainerDelete`.
    public var messageName: String {
        guard let slash = typeURL.lastIndex(of: "/") else { return typeURL }
        return String(typeURL[typeURL.index(after: slash)...])
    }
}
