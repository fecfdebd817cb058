import ContainerdEngine
import DockerAPI
import EngineAdapter
import Logging
import Rules
import SystemIO

/// The engines this build knows, in the order discovery tries them, and the one place that picks an adapter for
/// a host. Adding an engine is one line in `families`.
public struct EngineRegistry: EngineDirectory {
    /// Every engine family, in discovery's order: Docker's API (Docker's and Podman's sockets) before containerd's
    /// socket, which Docker hosts run underneath.
    public static let families: [any EngineFamily.Type] = [DockerFamily.self, ContainerdFamily.self]

    public let settings: EngineSettings
    public let logger: Logger

    public init(settings: EngineSettings = EngineSettings(), logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// What rules may name: every engine's resources and the filesystem source's.
    public static var vocabulary: EventVocabulary {
        families.reduce(EventVocabulary(resources: [])) { $0.union($1.vocabulary) }
            .union(EventVocabulary(resources: [FilesystemWatch.resource]))
    }

    /// Every form of host some family takes, for messages.
    public static var hostForms: String {
        families.map { $0.hostForms }.joined(separator: ", or ")
    }

    /// The family that takes `host`: the first whose scheme it is.
    static func family(of host: String) -> (any EngineFamily.Type)? {
        families.first { $0.accepts(host: host) }
    }

    /// Why `host` cannot be used, as a configuration error says it; nil when it can.
    public static func problem(host: String) -> String? {
        guard let family = family(of: host), family.problem(host: host) == nil else {
            return "\"\(host)\" is not \(hostForms)"
        }
        return nil
    }

    /// Where to look, in order: the explicit host, else one the environment names (`DOCKER_HOST`), else every
    /// family's default sockets. Throws `EngineError` for a malformed host.
    public static func candidates(explicit: String?, environment: [String: String]) throws -> [String] {
        if let host = explicit ?? families.lazy.compactMap({ $0.environmentHost(environment) }).first {
            guard let family = family(of: host) else { throw invalid(host, "unknown scheme") }
            if let reason = family.problem(host: host) { throw invalid(host, reason) }
            return [host]
        }
        return families.flatMap { $0.defaultHosts }
    }

    static func invalid(_ host: String, _ reason: String) -> EngineError {
        EngineError(.unreachable, "invalid engine host \"\(host)\": \(reason); expected \(hostForms)")
    }

    /// The first candidate that is there now (its socket exists, or it is a network address), or nil.
    /// - Parameter exists: whether something is at a socket path; tests pass their own.
    public static func firstPresent(_ candidates: [String], exists: (String) -> Bool = SocketPath.exists) -> String? {
        candidates.first { host in
            guard let family = family(of: host), family.problem(host: host) == nil else { return false }
            guard let path = family.socketPath(host: host) else { return true }
            return exists(path)
        }
    }

    /// `unix:///var/run/docker.sock, unix:///run/podman/podman.sock and containerd:///…`: what was tried.
    public static func describe(_ candidates: [String]) -> String {
        candidates.count <= 1
            ? candidates.joined() : candidates.dropLast().joined(separator: ", ") + " and " + (candidates.last ?? "")
    }

    public func adapter(host: String) throws -> any EngineAdapter {
        guard let family = Self.family(of: host) else { throw Self.invalid(host, "unknown scheme") }
        return try family.adapter(host: host, settings: settings, logger: logger)
    }
}
