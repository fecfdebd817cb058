/// What one listener allows each client, so that slow or many clients cannot take the agent's descriptors or
/// memory (issue 23). Both listeners serve one request per connection and close: there is no keep-alive.
public struct ConnectionLimits: Sendable, Equatable {
    /// Connections served at once. One more takes the place of the oldest still sending its request, or is
    /// closed as it is accepted when every place is being answered (`AdmissionBook`); either is counted.
    public var maxConnections: Int
    /// From accept to the end of the request (its headers, its line): a client slower than this is dropped.
    public var headerTimeout: Duration
    /// From the end of the request to the end of the answer: a client that does not take its answer (or keeps
    /// the connection open after it) is dropped. There is no keep-alive, so this is also the idle bound.
    public var idleTimeout: Duration
    /// Bytes a request may have before its end; more is dropped.
    public var maxRequestBytes: Int
    /// The bytes that end a request: `\r\n\r\n` after HTTP headers, `\n` after a status request line.
    public var requestEnd: [UInt8]

    public init(
        maxConnections: Int, headerTimeout: Duration, idleTimeout: Duration, maxRequestBytes: Int, requestEnd: [UInt8]
    ) {
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maxRequestBytes = maxRequestBytes
        self.requestEnd = requestEnd
    }

    /// The metrics endpoint's: `GET /metrics` headers in 8 KiB (a scrape sends a few hundred bytes), 5 s each way;
    /// `[metrics] max_connections` at once (default 8).
    public static func metrics(maxConnections: Int) -> ConnectionLimits {
        ConnectionLimits(
            maxConnections: maxConnections, headerTimeout: .seconds(5), idleTimeout: .seconds(5),
            maxRequestBytes: 8192, requestEnd: Array("\r\n\r\n".utf8))
    }

    /// The status socket's: `text` or `json` and a newline; only root can connect under the packaged unit.
    public static let status = ConnectionLimits(
        maxConnections: 4, headerTimeout: .seconds(5), idleTimeout: .seconds(5),
        maxRequestBytes: 256, requestEnd: Array("\n".utf8))
}
