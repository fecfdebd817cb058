/// What an engine's adapter declares about what its engine reports, so that the agent's warnings and promises
/// follow from declared facts, not from a test of the engine's name.
public struct EngineCapabilities: Sendable, Equatable {
    /// Whether prunes carry the bytes they reclaimed (Docker: yes; Podman and containerd: never).
    public var reportsReclaimedBytes: Bool
    /// Whether the engine keeps a backlog of events a reconnecting follower can replay (Docker and Podman: a short
    /// one; containerd: none, so the gap after a reconnect is lost).
    public var keepsBacklog: Bool

    public init(reportsReclaimedBytes: Bool = true, keepsBacklog: Bool = true) {
        self.reportsReclaimedBytes = reportsReclaimedBytes
        self.keepsBacklog = keepsBacklog
    }
}
