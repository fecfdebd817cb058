import EngineAdapter
#if canImport(FoundationEssentials)
import EventModel
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOCore
import NIOHTTP1

/// Talks to a Docker or Podman engine's API: HTTP and the Engine API, nothing about rules.
public struct EngineClient: Sendable {
    /// Where the engine listens.
    public let endpoint: EngineEndpoint
    /// How long the short calls (`/_ping`, `/info`, opening `/events`) wait for the status line and headers.
    public let answerTimeout: Duration
    /// How long the calls that make the engine work before it answers (listing, removing, pruning) wait.
    public let workTimeout: Duration
    private let transport: HTTPTransport

    /// The defaults: 5 s to connect, 10 s for a short answer's head, 5 minutes for one that removes or measures.
    public init(
        endpoint: EngineEndpoint, connectTimeout: Duration = .seconds(5), answerTimeout: Duration = .seconds(10),
        workTimeout: Duration = .seconds(300)
    ) {
        self.endpoint = endpoint
        self.answerTimeout = answerTimeout
        self.workTimeout = workTimeout
        transport = HTTPTransport(endpoint: endpoint, connectTimeout: .nanoseconds(connectTimeout.totalNanoseconds))
    }

    /// `GET /_ping`: which engine this is and which API version to speak.
    public func ping() async throws -> EngineIdentity {
        let (head, body) = try await request(.GET, "/_ping")
        try Self.requireSuccess(head, body, "GET /_ping", endpoint)
        return EngineIdentity(pingHeaders: head.header)
    }

    /// `GET /info`: the engine's data root, storage driver, version and ID.
    public func info(_ identity: EngineIdentity) async throws -> EngineInfo {
        let path = identity.path("/info")
        let (head, body) = try await request(.GET, path)
        try Self.requireSuccess(head, body, "GET \(path)", endpoint)
        do {
            return try EngineInfo.decode(body)
        } catch {
            throw EngineError(
                .protocolViolation, "the engine at \(endpoint) answered GET \(path) with JSON that is not engine info")
        }
    }

    /// One request with the whole answer (up to 4 MiB). For the short calls, and for tests that drive the engine.
    /// `working` gives the engine `workTimeout` instead of `answerTimeout` to start answering.
    public func request(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, working: Bool = false
    ) async throws -> (HTTPResponseHead, [UInt8]) {
        let timeout = working ? workTimeout : answerTimeout
        return try await transport.perform(
            method: method, path: path, body: body, headTimeout: .nanoseconds(timeout.totalNanoseconds)
        ) { head, reader in
            (head, try await reader.collect())
        }
    }

    /// Streams `GET /events` until the engine ends the answer (at `until`, or when it goes away).
    ///
    /// - Parameters:
    ///   - onOpen: called once the engine accepted the request, before any event.
    ///   - onItem: each event or warning, in stream order.
    ///   - onReadEnd: after the items of each network read: where a consumer flushes what it buffered.
    public func streamEvents(
        _ identity: EngineIdentity,
        _ query: EventQuery,
        onOpen: () async throws -> Void = {},
        onItem: (EventStreamDecoder.Item) async throws -> Void,
        onReadEnd: () async throws -> Void = {}
    ) async throws {
        let path = identity.path("/events") + query.queryString
        let headTimeout = TimeAmount.nanoseconds(answerTimeout.totalNanoseconds)
        try await transport.perform(method: .GET, path: path, headTimeout: headTimeout) { head, reader in
            if head.status >= 300 {
                let body = try await reader.collect(limit: 64 << 10)
                try Self.requireSuccess(head, body, "GET \(path)", endpoint)
            }
            try await onOpen()
            var decoder = EventStreamDecoder(engine: identity.kind)
            while let buffer = try await reader.next() {
                for item in buffer.withUnsafeReadableBytes({ decoder.feed($0) }) {
                    try await onItem(item)
                }
                try await onReadEnd()
            }
            for item in decoder.finish() {
                try await onItem(item)
            }
        }
    }

    /// Throws an `EngineError` carrying the engine's own message for a status outside 2xx.
    static func requireSuccess(
        _ head: HTTPResponseHead, _ body: [UInt8], _ request: String, _ endpoint: EngineEndpoint
    ) throws {
        guard !(200..<300).contains(head.status) else { return }
        throw EngineError(
            .engineAnswered(status: head.status),
            "the engine at \(endpoint) answered \(head.status) to \(request): \(engineMessage(body))"
        )
    }

    /// The `message` of an engine's JSON error body, else the body's first line.
    static func engineMessage(_ body: [UInt8]) -> String {
        struct ErrorBody: Decodable { var message: String }
        if let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(body)) {
            return decoded.message
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return firstLine.isEmpty ? "(no message)" : firstLine
    }
}
