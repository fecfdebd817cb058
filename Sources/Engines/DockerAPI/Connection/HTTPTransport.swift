import EngineAdapter
import EventLoop
import NIOCore
import NIOHTTP1
import NIOPosix

import Glibc

/// The status line and headers of an engine's answer.
public struct HTTPResponseHead: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first(name: name)
    }
}

/// One HTTP/1.1 request per connection to the engine, over a unix socket or TCP, on SwiftNIO.
///
/// One connection per request keeps the client stateless: the event stream holds its connection for hours,
/// and the short calls (`/_ping`, `/info`) are rare. `Connection: close` tells the engine the same.
///
/// Nothing waits forever: connecting has `connectTimeout`, and the status line and headers must arrive within
/// the request's `headTimeout` (an engine that accepts and then hangs is a failure the caller retries). Only the
/// body may take as long as it likes: an event stream stays quiet for hours.
struct HTTPTransport: Sendable {
    let endpoint: EngineEndpoint
    let connectTimeout: TimeAmount

    init(endpoint: EngineEndpoint, connectTimeout: TimeAmount = .seconds(5)) {
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
    }

    /// Sends a request and hands the response head and a body reader to `handle`; the connection is closed
    /// when `handle` returns or throws. No head within `headTimeout` of connecting is an `EngineError.timedOut`.
    func perform<Result>(
        method: HTTPMethod,
        path: String,
        body: [UInt8]? = nil,
        headTimeout: TimeAmount,
        _ handle: (HTTPResponseHead, inout ResponseBodyReader) async throws -> Result
    ) async throws -> Result {
        let channel = try await connect()
        let endpoint = self.endpoint
        let deadline = ResponseHeadDeadline.arm(on: channel.channel, after: headTimeout)
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
                head.headers.add(name: "Host", value: endpoint.hostHeader)
                head.headers.add(name: "User-Agent", value: "reclaimd")
                head.headers.add(name: "Connection", value: "close")
                if let body {
                    head.headers.add(name: "Content-Type", value: "application/json")
                    head.headers.add(name: "Content-Length", value: String(body.count))
                }
                // An engine may answer and close before the request is fully written (a 400 for a bad query):
                // a failed write is reported only if no answer follows it.
                var writeError: (any Error)?
                do {
                    try await outbound.write(.head(head))
                    if let body {
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                    }
                    try await outbound.write(.end(nil))
                } catch {
                    writeError = error
                }
                var reader = ResponseBodyReader(inbound.makeAsyncIterator(), endpoint: endpoint)
                let responseHead: HTTPResponseHead
                do {
                    responseHead = try await reader.readHead()
                    deadline.cancel()
                } catch is ResponseHeadDeadline.Expired {
                    throw ResponseHeadDeadline.failure(
                        endpoint: endpoint, method: method, path: path, after: headTimeout)
                } catch {
                    throw writeError ?? error
                }
                return try await handle(responseHead, &reader)
            }
        } catch let error as EngineError {
            throw error
        } catch is ResponseHeadDeadline.Expired {
            throw ResponseHeadDeadline.failure(endpoint: endpoint, method: method, path: path, after: headTimeout)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPParserError where error == .invalidEOFState {
            throw EngineError(
                .connectionLost,
                "the engine at \(endpoint) closed the connection in the middle of an answer (is it stopping?)")
        } catch {
            throw EngineError(.connectionLost, "connection to the engine at \(endpoint) broke: \(error)")
        }
    }

    private func connect() async throws -> NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart> {
        let bootstrap = ClientBootstrap(group: SharedEventLoop.group)
            .connectTimeout(connectTimeout)
        let initializer:
            @Sendable (Channel) -> EventLoopFuture<NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>> = {
                channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel(wrappingChannelSynchronously: channel)
                }
            }
        do {
            switch endpoint {
            case .unix(let path):
                return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initializer)
            case .tcp(let host, let port):
                return try await bootstrap.connect(host: host, port: port, channelInitializer: initializer)
            }
        } catch {
            throw describeConnectFailure(error)
        }
    }

    /// Turns a connect failure into one line that names the endpoint and what to do.
    private func describeConnectFailure(_ error: any Error) -> EngineError {
        let errno = Self.errnoCode(of: error)
        switch (endpoint, errno) {
        case (.unix(let path), EACCES?), (.unix(let path), EPERM?):
            return EngineError(
                .permissionDenied,
                "permission denied connecting to \(path): the user needs access to this socket (run as root or join the group that owns it, usually 'docker')"
            )
        case (.unix(let path), ENOENT?):
            return EngineError(
                .unreachable,
                "cannot reach the engine at unix://\(path): the socket does not exist (is the engine running?)")
        case (.unix(let path), ECONNREFUSED?):
            return EngineError(
                .unreachable,
                "cannot reach the engine at unix://\(path): connection refused (the engine is not accepting connections)"
            )
        case (_, let code?):
            return EngineError(
                .unreachable, "cannot reach the engine at \(endpoint): \(String(cString: strerror(code)))")
        case (_, nil):
            return EngineError(.unreachable, "cannot reach the engine at \(endpoint): \(error)")
        }
    }

    private static func errnoCode(of error: any Error) -> Int32? {
        if let ioError = error as? IOError { return ioError.errnoCode }
        if let connectionError = error as? NIOConnectionError {
            for attempt in connectionError.connectionErrors {
                if let code = errnoCode(of: attempt.error) { return code }
            }
            if let dnsError = connectionError.dnsAAAAError ?? connectionError.dnsAError {
                return errnoCode(of: dnsError)
            }
        }
        return nil
    }
}

/// Reads one response: its head, then body bytes as they arrive, in whatever pieces the network delivers.
struct ResponseBodyReader {
    private var iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let endpoint: EngineEndpoint
    private var finished = false

    init(_ iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator, endpoint: EngineEndpoint) {
        self.iterator = iterator
        self.endpoint = endpoint
    }

    mutating func readHead() async throws -> HTTPResponseHead {
        guard let part = try await iterator.next() else {
            throw EngineError(.connectionLost, "the engine at \(endpoint) closed the connection before answering")
        }
        guard case .head(let head) = part else {
            throw EngineError(.protocolViolation, "the engine at \(endpoint) sent a body before a status line")
        }
        return HTTPResponseHead(status: Int(head.status.code), headers: head.headers)
    }

    /// The next piece of the body, or nil at its end.
    mutating func next() async throws -> ByteBuffer? {
        if finished { return nil }
        while let part = try await iterator.next() {
            switch part {
            case .body(let buffer):
                return buffer
            case .end:
                finished = true
                return nil
            case .head:
                throw EngineError(.protocolViolation, "the engine at \(endpoint) sent a second status line")
            }
        }
        // The connection closed without the end of the body: the engine went away mid-stream.
        throw EngineError(.connectionLost, "the engine at \(endpoint) closed the connection in the middle of an answer")
    }

    /// The whole body, up to `limit` bytes (the rest is read and dropped).
    mutating func collect(limit: Int = 4 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while var buffer = try await next() {
            let room = limit - bytes.count
            if room > 0, let chunk = buffer.readBytes(length: min(room, buffer.readableBytes)) {
                bytes.append(contentsOf: chunk)
            }
        }
        return bytes
    }
}
