import SwiftProtobuf

extension ContainerdEnvelope {
    /// The neutral envelope of one that came off the wire.
    package init(_ envelope: Containerd_Services_Events_V1_Envelope) {
        self.init(
            timestamp: ContainerdTime(seconds: envelope.timestamp.seconds, nanoseconds: envelope.timestamp.nanos),
            namespace: envelope.namespace,
            topic: envelope.topic,
            payload: EventPayloadDecoder.decode(typeURL: envelope.event.typeURL, value: envelope.event.value)
        )
    }

    /// Decodes a whole serialized `containerd.services.events.v1.Envelope` (as recorded in the tests' fixtures).
    public init(serializedEnvelope bytes: some SwiftProtobufContiguousBytes) throws {
        self.init(try Containerd_Services_Events_V1_Envelope(serializedBytes: bytes))
    }
}
