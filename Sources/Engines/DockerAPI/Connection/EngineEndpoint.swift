import EngineAdapter

/// Where the engine's API listens: a unix socket or a TCP address.
public enum EngineEndpoint: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)

    /// Docker's default socket.
    public static let defaultSocket = EngineEndpoint.unix(path: "/var/run/docker.sock")
    /// Rootful Podman's socket (`podman.socket`).
    public static let podmanSocket = EngineEndpoint.unix(path: "/run/podman/podman.sock")
    /// Where engines listen by default, in the order they are tried.
    public static let defaultSockets = [defaultSocket, podmanSocket]

    /// The forms `parse` accepts, for error messages.
    public static let acceptedForms = "unix:///path/to/socket or tcp://host:port"

    /// Parses `unix:///absolute/path` or `tcp://host:port` (IPv6 hosts in brackets: `tcp://[::1]:2375`).
    public static func parse(_ text: String) throws(EndpointError) -> EngineEndpoint {
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/") else {
                throw EndpointError(text: text, reason: "the socket path must be absolute")
            }
            guard path.utf8.count <= 107 else {
                throw EndpointError(text: text, reason: "unix socket paths are limited to 107 bytes")
            }
            return .unix(path: path)
        }
        if text.hasPrefix("tcp://") {
            var rest = Substring(text.dropFirst("tcp://".count))
            if rest.hasSuffix("/") { rest = rest.dropLast() }
            let host: Substring
            let portText: Substring
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), rest[rest.index(after: close)...].hasPrefix(":") else {
                    throw EndpointError(text: text, reason: "an IPv6 host needs brackets and a port: tcp://[::1]:2375")
                }
                host = rest[rest.index(after: rest.startIndex)..<close]
                portText = rest[rest.index(close, offsetBy: 2)...]
            } else {
                guard let colon = rest.lastIndex(of: ":") else {
                    throw EndpointError(text: text, reason: "a port is required")
                }
                host = rest[..<colon]
                portText = rest[rest.index(after: colon)...]
            }
            guard !host.isEmpty, !host.contains("/") else {
                throw EndpointError(text: text, reason: "the host is missing or holds a path")
            }
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw EndpointError(text: text, reason: "the port must be a number from 1 to 65535")
            }
            return .tcp(host: String(host), port: port)
        }
        throw EndpointError(text: text, reason: "unknown scheme")
    }

    /// The `Host` header value. The engine rejects HTTP/1.1 requests without one, also on a unix socket.
    public var hostHeader: String {
        switch self {
        case .unix: return "localhost"
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): return "unix://\(path)"
        case .tcp: return "tcp://\(hostHeader)"
        }
    }
}

/// A host URL that is not one of the accepted forms.
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    public var description: String {
        "invalid engine host \"\(text)\": \(reason); expected \(EngineEndpoint.acceptedForms)"
    }
}
