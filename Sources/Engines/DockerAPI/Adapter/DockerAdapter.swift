import EngineAdapter
import EventModel
import Formats
import Time
import Logging
import Rules

/// Docker's Engine API, and Podman's compatible one, as an engine adapter: connects with backoff, reads
/// `GET /info` for the data root and the engine's ID on every connection, resumes from the cursor without
/// duplicates, and collects garbage through the same API.
public struct DockerAdapter: EngineAdapter {
    public let endpoint: EngineEndpoint
    public let logger: Logger

    public init(endpoint: EngineEndpoint, logger: Logger) {
        self.endpoint = endpoint
        self.logger = logger
    }

    public var host: String { endpoint.description }

    public func follow(_ request: FollowRequest, report: @escaping @Sendable (SourceReport) async -> Void) async throws
    {
        let client = EngineClient(endpoint: endpoint)
        let subscription = EventSubscription(
            client: client, query: EventQuery(filters: DockerFilter.filters(for: request.selection)), policy: .always,
            logger: logger, resumePoint: request.resumePoint.map { (time: $0.time, keys: $0.keys) })
        let endpoint = self.endpoint
        var connection = ConnectionReport(logger: logger, host: endpoint.description, firstConnectionLevel: .info)
        try await subscription.run(
            onNotification: { notification in
                switch notification {
                case .connected(let identity):
                    // Before saying "connected": a failure here is a failed connection, retried with backoff.
                    let info = try await Self.dataRootInfo(client, identity)
                    connection.connected(Self.connectionFacts(identity))
                    await report(
                        .connected(
                            SourceIdentity(
                                kind: identity.kind.rawValue,
                                description: "\(identity.serverProduct) (API \(identity.negotiatedVersion))",
                                host: endpoint.description, instanceID: info.id.isEmpty ? nil : info.id,
                                dataRoot: info.dockerRootDir,
                                capabilities: Self.capabilities(identity),
                                displayName: identity.kind == .podman ? "Podman" : "Docker")))
                case .disconnected(let reason, let retryIn):
                    connection.disconnected(reason: reason, retryIn: retryIn)
                    await report(.disconnected(reason: reason))
                case .possibleGap(let after, let before):
                    connection.possibleGap(after: after, before: before)
                }
            }, onEvent: { await report(.event($0)) })
    }

    public func watch(
        _ request: WatchRequest, onEvent: @escaping @Sendable (ReclaimEvent) async throws -> Void,
        onReadEnd: @escaping @Sendable () async throws -> Void
    ) async throws {
        let filters = request.selection == .everything ? [:] : DockerFilter.filters(for: request.selection)
        let subscription = EventSubscription(
            client: EngineClient(endpoint: endpoint),
            query: EventQuery(since: request.since, until: request.until, filters: filters),
            policy: .afterFirstConnection, logger: logger)
        var connection = ConnectionReport(logger: logger, host: endpoint.description)
        try await subscription.run(
            onNotification: { notification in
                switch notification {
                case .connected(let identity): connection.connected(Self.connectionFacts(identity))
                case .disconnected(let reason, let retryIn): connection.disconnected(reason: reason, retryIn: retryIn)
                case .possibleGap(let after, let before): connection.possibleGap(after: after, before: before)
                }
            }, onEvent: onEvent, onReadEnd: onReadEnd)
    }

    public func withCollection<Result: Sendable>(
        _ body: (any EngineCollection) async throws -> Result
    ) async throws -> Result {
        let client = EngineClient(endpoint: endpoint)
        let identity = try await client.ping()
        let info = try await Self.dataRootInfo(client, identity)
        return try await body(DockerCollection(client: client, identity: identity, dataRoot: info.dockerRootDir))
    }

    /// Podman reports no reclaimed bytes for any event; both keep a short backlog.
    static func capabilities(_ identity: EngineIdentity) -> EngineCapabilities {
        EngineCapabilities(reportsReclaimedBytes: identity.kind == .docker, keepsBacklog: true)
    }

    static func connectionFacts(_ identity: EngineIdentity) -> ConnectionReport.Facts {
        ConnectionReport.Facts(
            engine: identity.kind.rawValue, summary: "\(identity.serverProduct), API \(identity.negotiatedVersion)",
            details: ["engine_server": identity.server, "api_version": "\(identity.negotiatedVersion)"])
    }

    /// `GET /info`, which must name the data root: hooks such as fstrim work on it, and none may start without it.
    /// Every failure is transient here, so the subscription retries with its backoff and says why.
    static func dataRootInfo(_ client: EngineClient, _ identity: EngineIdentity) async throws -> EngineInfo {
        let info: EngineInfo
        do {
            info = try await client.info(identity)
        } catch let error as EngineError {
            throw EngineError(.infoUnavailable, "cannot read the engine's data root: \(error.message)")
        }
        guard !info.dockerRootDir.isEmpty else {
            throw EngineError(
                .infoUnavailable,
                "the engine at \(client.endpoint) answered GET /info without DockerRootDir, which hooks need")
        }
        return info
    }
}
