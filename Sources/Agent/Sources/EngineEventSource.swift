import EngineAPI
import EventModel
import Formats
import Journal
import Logging
import Rules

/// A Docker or Podman engine's event stream as an `EventSource`: connects with backoff, reads `GET /info` for the
/// data root and the engine's ID on every connection, and resumes from the cursor without duplicates.
public struct EngineEventSource: EventSource {
    /// What engines report: the five object types whose prunes free space.
    public static let vocabulary = EventVocabulary(resources: ["container", "image", "volume", "network", "builder"])

    /// Where to look for the engine, in order (`--host`, `DOCKER_HOST`, or Docker's and Podman's sockets).
    public let candidates: [EngineEndpoint]
    public let logger: Logger

    public init(candidates: [EngineEndpoint], logger: Logger) {
        self.candidates = candidates
        self.logger = logger
    }

    public init(endpoint: EngineEndpoint, logger: Logger) {
        self.init(candidates: [endpoint], logger: logger)
    }

    public func follow(_ request: FollowRequest, report: @escaping @Sendable (SourceReport) async -> Void) async throws {
        let endpoint = try await present(report: report)
        let client = EngineClient(endpoint: endpoint)
        let subscription = EventSubscription(
            client: client, query: EventQuery(filters: Self.engineFilter(request.filter)), policy: .always, logger: logger,
            resumePoint: request.resumePoint.map { (time: $0.time, keys: $0.keys) })
        var connection = ConnectionReport(logger: logger, endpoint: endpoint, firstConnectionLevel: .info)
        try await subscription.run(onNotification: { notification in
            if case .connected(let identity) = notification {
                // Before saying "connected": a failure here is a failed connection, retried with backoff.
                let info = try await dataRootInfo(client, identity)
                connection.report(notification)
                await report(.connected(SourceIdentity(
                    kind: identity.kind.rawValue, description: "\(identity.serverProduct) (API \(identity.negotiatedVersion))",
                    host: endpoint.description, instanceID: info.id.isEmpty ? nil : info.id, dataRoot: info.dockerRootDir)))
                return
            }
            connection.report(notification)
            if case .disconnected(let reason, _) = notification {
                await report(.disconnected(reason: reason))
            }
        }, onEvent: { await report(.event($0)) })
    }

    /// The first candidate that is there. With several and none there (an agent started before its engine),
    /// says so once, naming all, and looks again with backoff; with one, the subscription reports its errors.
    private func present(report: @Sendable (SourceReport) async -> Void) async throws -> EngineEndpoint {
        guard candidates.count > 1 else { return candidates.first ?? .defaultSocket }
        var backoff = Backoff()
        var said = false
        while true {
            if let endpoint = EngineEndpoint.firstPresent(candidates) { return endpoint }
            let reason = "no engine socket at \(EngineEndpoint.describe(candidates)) yet"
            if !said {
                logger.warning("\(reason); waiting for Docker or Podman to start", metadata: [
                    JournalLogHandler.messageIDKey: "\(MessageID.engineLost.hex)",
                ])
                await report(.disconnected(reason: reason))
                said = true
            }
            try await Task.sleep(for: backoff.next())
        }
    }

    /// The rules' filter in the engine's words: only the engine's own types (another source's, such as
    /// `filesystem`, would make it refuse the request), and `remove` as the raw actions engines send for it.
    /// Without any engine type left, the engine is still followed for its prunes, which are always audited.
    public static func engineFilter(_ filter: [String: [String]]) -> [String: [String]] {
        var result = filter
        if let types = filter["type"] {
            let own = types.filter(vocabulary.resources.contains)
            guard !own.isEmpty else { return EventQuery.pruneFilter }
            result["type"] = own
        }
        if let actions = filter["event"] {
            let raw = actions.flatMap { $0 == EventKind.remove ? EventNormalizer.removalActions : [$0] }
            result["event"] = Array(Set(raw)).sorted()
        }
        return result
    }

    /// `GET /info`, which must name the data root: hooks such as fstrim work on it, and none may start without it.
    /// Every failure is transient here, so the subscription retries with its backoff and says why.
    private func dataRootInfo(_ client: EngineClient, _ identity: EngineIdentity) async throws -> EngineInfo {
        let info: EngineInfo
        do {
            info = try await client.info(identity)
        } catch let error as EngineError {
            throw EngineError(.infoUnavailable, "cannot read the engine's data root: \(error.message)")
        }
        guard !info.dockerRootDir.isEmpty else {
            throw EngineError(.infoUnavailable, "the engine at \(client.endpoint) answered GET /info without DockerRootDir, which hooks need")
        }
        return info
    }
}
