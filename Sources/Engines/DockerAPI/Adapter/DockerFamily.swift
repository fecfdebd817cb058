import EngineAdapter
import Logging
import Rules

/// Docker's Engine API and Podman's compatible one: `unix://` and `tcp://` hosts, `DOCKER_HOST`, Docker's and
/// then Podman's default socket.
public enum DockerFamily: EngineFamily {
    public static let name = "Docker or Podman"
    public static let vocabulary = EventVocabulary(
        resources: DockerFilter.resources, kinds: DockerFilter.kinds, rawActionResources: Set(DockerFilter.resources))
    public static let hostForms = EngineEndpoint.acceptedForms

    public static func accepts(host: String) -> Bool {
        host.hasPrefix("unix://") || host.hasPrefix("tcp://") || !host.contains("://")
    }

    public static func problem(host: String) -> String? {
        do {
            _ = try EngineEndpoint.parse(host)
            return nil
        } catch {
            return error.reason
        }
    }

    public static func environmentHost(_ environment: [String: String]) -> String? {
        environment["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static let defaultHosts = EngineEndpoint.defaultSockets.map(\.description)

    public static func socketPath(host: String) -> String? {
        guard case .unix(let path) = try? EngineEndpoint.parse(host) else { return nil }
        return path
    }

    public static func adapter(host: String, settings: EngineSettings, logger: Logger) throws -> any EngineAdapter {
        do {
            return DockerAdapter(endpoint: try EngineEndpoint.parse(host), logger: logger)
        } catch {
            throw EngineError(.unreachable, error.description)
        }
    }
}
