import ContainerdAPI
import EngineAdapter
import EventModel
import Logging
import Time

/// containerd as an engine adapter: its event stream (topics `/images/*`, `/containers/*`, `/snapshot/*`,
/// `/content/*`) in the common model, in every namespace or the configured ones, and garbage collection of images
/// through its images service.
public struct ContainerdAdapter: EngineAdapter {
    public let socketPath: String
    /// `[engine] namespaces`: the namespaces followed and collected in; nil: every namespace is followed, and
    /// collection leaves out the namespaces other agents own (`ContainerdCollection.protectedNamespaces`).
    public let namespaces: [String]?
    public let logger: Logger

    public init(socketPath: String, namespaces: [String]?, logger: Logger) {
        self.socketPath = socketPath
        self.namespaces = namespaces
        self.logger = logger
    }

    public var host: String { ContainerdFamily.scheme + socketPath }

    /// containerd reports no bytes and keeps no backlog.
    static let capabilities = EngineCapabilities(reportsReclaimedBytes: false, keepsBacklog: false)

    public func follow(_ request: FollowRequest, report: @escaping @Sendable (SourceReport) async -> Void) async throws
    {
        let host = self.host
        try await subscription(request.selection).run(
            lostSince: request.resumePoint?.time, failFirst: false, firstConnectionLevel: .info,
            onConnected: { found in
                await report(
                    .connected(
                        SourceIdentity(
                            kind: "containerd", description: "containerd \(found.version)", host: host, instanceID: nil,
                            dataRoot: found.rootDirectory, capabilities: Self.capabilities, displayName: "containerd")))
            },
            onDisconnected: { reason in await report(.disconnected(reason: reason)) },
            onEvent: { event in await report(.event(event)) })
    }

    public func watch(
        _ request: WatchRequest, onEvent: @escaping @Sendable (ReclaimEvent) async throws -> Void,
        onReadEnd: @escaping @Sendable () async throws -> Void
    ) async throws {
        if let since = request.since, since < .now() {
            logger.warning(
                "containerd keeps no event backlog: events before now cannot be replayed, so --since \(since) shows only what happens from now on"
            )
        }
        let subscription = subscription(request.selection)
        let live: @Sendable () async throws -> Void = {
            try await subscription.run(
                lostSince: nil, failFirst: true, firstConnectionLevel: .debug, onConnected: { _ in },
                onDisconnected: { _ in },
                onEvent: { event in
                    try await onEvent(event)
                    try await onReadEnd()
                })
        }
        guard let until = request.until else { return try await live() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask(operation: live)
            group.addTask {
                let wait = until.duration(since: .now())
                if wait > .zero { try await Task.sleep(for: wait) }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    public func withCollection<Result: Sendable>(
        _ body: (any EngineCollection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await ContainerdClient.withClient(socketPath: socketPath) { client in
                let collection = ContainerdCollection(
                    client: client, dataRoot: try await client.rootDirectory(), namespaces: namespaces)
                return try await body(collection)
            }
        } catch let error as ContainerdError {
            throw ContainerdCollection.engineError(error)
        }
    }

    func subscription(_ selection: EventSelection) -> ContainerdSubscription {
        ContainerdSubscription(
            socketPath: socketPath, host: host, namespaces: namespaces, selection: selection, logger: logger)
    }
}
