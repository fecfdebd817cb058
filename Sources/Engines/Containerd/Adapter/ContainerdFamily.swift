import EngineAdapter
import Logging
import Rules

import Glibc

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
        let path = socketPath(host)
        guard path.hasPrefix("/") else { return "the socket path must be absolute: containerd:///run/containerd/containerd.sock" }
        guard path.utf8.count <= 107 else { return "unix socket paths are limited to 107 bytes" }
        return nil
    }

    /// containerd's own tools read CONTAINERD_ADDRESS; reclaimd reads only `--host` and `[engine] host`, so that a
    /// variable set for `ctr` never moves a Docker host's agent.
    public static func environmentHost(_ environment: [String: String]) -> String? { nil }

    public static let defaultHosts = [scheme + "/run/containerd/containerd.sock"]

    public static func isPresent(host: String) -> Bool {
        var status = stat()
        return stat(socketPath(host), &status) == 0
    }

    public static func adapter(host: String, settings: EngineSettings, logger: Logger) throws -> any EngineAdapter {
        if let problem = problem(host: host) {
            throw EngineError(.unreachable, "invalid engine host \"\(host)\": \(problem)")
        }
        return ContainerdAdapter(socketPath: socketPath(host), namespaces: settings.namespaces, logger: logger)
    }

    /// The path in `containerd:///path`.
    static func socketPath(_ host: String) -> String {
        String(host.dropFirst(scheme.count))
    }
}
