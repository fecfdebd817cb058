/// One event from containerd's event stream: when, in which namespace, its topic (`/images/delete`, ...) and
/// its payload, decoded into neutral attributes.
public struct ContainerdEnvelope: Sendable, Equatable {
    public var timestamp: ContainerdTime
    /// The namespace the event happened in (`default`, `k8s.io`, `moby`, ...).
    public var namespace: String
    public var topic: String
    public var payload: ContainerdEventPayload

    public init(timestamp: ContainerdTime, namespace: String, topic: String, payload: ContainerdEventPayload) {
        self.timestamp = timestamp
        self.namespace = namespace
        self.topic = topic
        self.payload = payload
    }
}
