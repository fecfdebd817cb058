/// What a connected source is.
public struct SourceIdentity: Sendable, Equatable {
    /// `docker`, `podman` or `containerd`: the hooks' `RECLAIMD_ENGINE`.
    public var kind: String
    /// For people and `systemctl status`, e.g. `Docker/20.10.24+dfsg1 (API 1.41)`.
    public var description: String
    /// The engine's name for people, in sentences: `Docker`, `Podman`, `containerd`.
    public var displayName: String
    /// Its address, e.g. `unix:///var/run/docker.sock`: the hooks' `RECLAIMD_ENGINE_HOST`.
    public var host: String
    /// Which instance answered (the engine's ID). Another ID at resume means the cursor's backlog is not there.
    public var instanceID: String?
    /// Where it keeps its data: the hooks' `RECLAIMD_DATA_ROOT`. Never empty: no hook starts without it.
    public var dataRoot: String
    /// What this engine can and cannot tell (the loop's warnings depend on it, never on `kind`).
    public var capabilities: EngineCapabilities

    public init(
        kind: String, description: String, host: String, instanceID: String?, dataRoot: String,
        capabilities: EngineCapabilities = EngineCapabilities(), displayName: String? = nil
    ) {
        self.kind = kind
        self.description = description
        self.displayName = displayName ?? kind
        self.host = host
        self.instanceID = instanceID
        self.dataRoot = dataRoot
        self.capabilities = capabilities
    }
}
