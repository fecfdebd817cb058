import EngineAdapter
/// Which engine answers on the socket. Docker and Podman's compatible API differ in their events.
public enum EngineKind: String, Sendable, Hashable, CaseIterable {
    case docker
    case podman
}

/// What `GET /_ping` tells about the engine, and the API version we settle on with it.
public struct EngineIdentity: Sendable, Hashable {
    /// Docker or Podman.
    public var kind: EngineKind
    /// The `Server` header, e.g. `Docker/20.10.24+dfsg1 (linux)`; empty when absent.
    public var server: String
    /// The engine's own API version (`Api-Version`), when it sent a readable one.
    public var engineAPIVersion: APIVersion?
    /// The version used in request paths: the lower of the engine's and ours.
    public var negotiatedVersion: APIVersion

    /// Reads the identity from `/_ping` response headers. Never fails: an engine that is neither Docker nor
    /// Podman, or sends no version, is spoken to as Docker at the highest version we support.
    public init(pingHeaders header: (String) -> String?) {
        let server = header("Server") ?? ""
        self.server = server
        let isPodman = server.hasPrefix("Libpod/") || header("Libpod-Api-Version") != nil
        kind = isPodman ? .podman : .docker
        engineAPIVersion = header("Api-Version").flatMap(APIVersion.init)
        negotiatedVersion = min(engineAPIVersion ?? APIVersion.highestSupported, APIVersion.highestSupported)
    }

    /// The server's product and version for people, e.g. `Docker/20.10.24+dfsg1`.
    public var serverProduct: String {
        server.split(separator: " ").first.map(String.init) ?? kind.rawValue
    }

    /// A versioned path: `/v1.41/events`.
    public func path(_ path: String) -> String {
        "/v\(negotiatedVersion)\(path)"
    }
}
