/// `[metrics]`: where the agent exposes its Prometheus metrics. Both are off by default, and with both off the
/// agent creates no metric at all.
public struct MetricsSettings: Sendable, Equatable {
    /// `listen`: serve `GET /metrics` here.
    public var listen: MetricsListen?
    /// `textfile`: write the same exposition to this file (atomically) for node_exporter's textfile collector.
    public var textfile: String?

    /// `max_connections`: scrapes served at once (one scraper needs one); more are refused and counted.
    public var maxConnections = MetricsSettings.defaultMaxConnections
    public static let defaultMaxConnections = 8
    /// What `max_connections` may be: each takes a descriptor, and the agent keeps the rest for its own work.
    public static let maxConnectionsRange = 1...64

    /// How often, at most, the textfile is written while metrics change.
    public static let textfileInterval = Duration.seconds(5)

    public init(listen: MetricsListen? = nil, textfile: String? = nil) {
        self.listen = listen
        self.textfile = textfile
    }

    /// Whether the agent keeps metrics at all.
    public var isEnabled: Bool { listen != nil || textfile != nil }
}

/// A `[metrics] listen` address: `HOST:PORT` (IPv6 as `[::1]:9858`) or `unix:///absolute/path`.
public enum MetricsListen: Sendable, Equatable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case unix(path: String)

    public static let acceptedForms =
        "\"HOST:PORT\" (e.g. \"127.0.0.1:9858\", \"[::1]:9858\") or \"unix:///absolute/path\""

    /// Reads `text`; nil when it is none of the accepted forms.
    public static func parse(_ text: String) -> MetricsListen? {
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            return path.hasPrefix("/") && path.utf8.count < 108 ? .unix(path: path) : nil
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard host.contains(":") else { return nil }
        } else if host.contains(":") {
            return nil  // IPv6 needs brackets
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }) else { return nil }
        return .tcp(host: host, port: port)
    }

    /// As written in the configuration.
    public var description: String {
        switch self {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): return "unix://\(path)"
        }
    }
}
