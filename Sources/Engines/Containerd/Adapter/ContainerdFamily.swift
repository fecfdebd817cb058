import EngineAdapter
import Logging
import Rules

/// containerd through its gRPC API: `containerd:///path/to/containerd.sock` hosts; discovery tries
/// `/run/containerd/containerd.sock`.
public enum ContainerdFamily: EngineFamily {
    public static let name = "containerd"
    public static let vocabulary = ContainerdDialect.vocabulary
    public static let scheme = "containerd://"
    public static let hostForms = "containerd:///path/to/containerd.sock"

    public static func accepts(host: String) -> Bool {
        host.hasPrefix(scheme)
    }

    public static func problem(host: String) -> String? {
        let path = path(of: host)
        guard path.hasPrefix("/") else {
            return "the socket path must be absolute: containerd:///run/containerd/containerd.sock"
        }
        guard path.utf8.count <= 107 else { return "unix socket paths are limited to 107 bytes" }
        return nil
    }

    /// containerd's own tools read CONTAINERD_ADDRESS; reclaimd reads only `--host` and `[engine] host`, so that a
    /// variable set for `ctr` never moves a Docker host's agent.
    public static func environmentHost(_ environment: [String: String]) -> String? { nil }

    public static let defaultHosts = [scheme + "/run/containerd/containerd.sock"]

    public static func socketPath(host: String) -> String? {
        path(of: host)
    }

    public static func adapter(host: String, settings: EngineSettings, logger: Logger) throws -> any EngineAdapter {
        if let problem = problem(host: host) {
            throw EngineError(.unreachable, "invalid engine host \"\(host)\": \(problem)")
        }
        return ContainerdAdapter(socketPath: path(of: host), namespaces: settings.namespaces, logger: logger)
    }

    /// The path in `containerd:///path`.
    static func path(of host: String) -> String {
        String(host.dropFirst(scheme.count))
    }
}
