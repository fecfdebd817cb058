import AgentCore
import AgentRuntime
import NIOCore
import NIOHTTP1
import Rules

/// `GET /metrics` over HTTP/1.1 on the `[metrics] listen` address: the exposition in Prometheus' text format.
/// Anything else is 404 (another path) or 405 (another method). One request per connection.
struct MetricsEndpoint: Sendable {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    let socket: ListeningSocket<HTTPServerRequestPart, HTTPServerResponsePart>

    /// Binds `listen`; a unix socket gets mode 0660 (the scraper's group may be given access).
    /// `gate` bounds its clients (`ConnectionLimits.metrics`).
    static func bind(_ listen: MetricsListen, gate: ConnectionGate? = nil) async throws -> MetricsEndpoint {
        let address: ListeningSocket<HTTPServerRequestPart, HTTPServerResponsePart>.Address
        switch listen {
        case .tcp(let host, let port): address = .tcp(host: host, port: port)
        case .unix(let path): address = .unix(path: path, mode: 0o660)
        }
        let socket = try await ListeningSocket<HTTPServerRequestPart, HTTPServerResponsePart>.bind(address, gate: gate)
        { channel in
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
        }
        return MetricsEndpoint(socket: socket)
    }

    /// Serves until cancelled.
    func serve(_ exposition: @escaping @Sendable () -> [UInt8]) async {
        await socket.serve { connection in
            try? await connection.executeThenClose { inbound, outbound in
                var request: HTTPRequestHead?
                for try await part in inbound {
                    if case .head(let head) = part { request = head }
                    if case .end = part { break }
                }
                guard let request else { return }
                let (status, body) = Self.answer(request.method, request.uri, exposition)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Type", value: status == .ok ? Self.contentType : "text/plain; charset=utf-8")
                headers.add(name: "Content-Length", value: String(body.count))
                headers.add(name: "Connection", value: "close")
                try await outbound.write(
                    .head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                try await outbound.write(.end(nil))
            }
        }
    }

    /// The status and body for a request: the exposition for `GET /metrics` (a query is ignored).
    static func answer(
        _ method: HTTPMethod, _ uri: String, _ exposition: () -> [UInt8]
    ) -> (HTTPResponseStatus, [UInt8]) {
        let path =
            uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        guard path == "/metrics" else { return (.notFound, Array("not found: reclaimd serves GET /metrics\n".utf8)) }
        guard method == .GET || method == .HEAD else { return (.methodNotAllowed, Array("use GET\n".utf8)) }
        return (.ok, method == .HEAD ? [] : exposition())
    }
}
