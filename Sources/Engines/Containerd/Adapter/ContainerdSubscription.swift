import ContainerdAPI
import EngineAdapter
import EventModel
import Logging
import Time

/// Follows containerd's event stream across containerd's restarts: reconnects with backoff and, since containerd
/// keeps no backlog, journals each gap as one in which events may be lost (never pretends to resume).
struct ContainerdSubscription: Sendable {
    let socketPath: String
    let host: String
    let namespaces: [String]?
    let selection: EventSelection
    let logger: Logger

    /// What a connection found: containerd's version and root directory.
    struct Connected: Sendable {
        var version: String
        var rootDirectory: String
    }

    /// Runs until cancelled. `lostSince`: when events were last seen before this run (the agent's cursor), so the
    /// first connection journals that gap too. With `failFirst`, a first connection that fails throws (a wrong
    /// host should say so at once); after that, and without it, failures are retried.
    func run(
        lostSince: Timestamp?, failFirst: Bool, firstConnectionLevel: Logger.Level,
        onConnected: (Connected) async throws -> Void,
        onDisconnected: (String) async -> Void,
        onEvent: @escaping @Sendable (ReclaimEvent) async throws -> Void
    ) async throws {
        var backoff = Backoff()
        var connection = ConnectionReport(logger: logger, host: host, firstConnectionLevel: firstConnectionLevel)
        var lostAt = lostSince
        var hasConnected = false
        while true {
            try Task.checkCancellation()
            var failure = "containerd ended the event stream"
            do {
                try await ContainerdClient.withClient(socketPath: socketPath) { client in
                    let found = Connected(
                        version: try await client.version(), rootDirectory: try await client.rootDirectory())
                    connection.connected(
                        ConnectionReport.Facts(
                            engine: "containerd", summary: "containerd \(found.version)", details: ["api_version": "v1"]
                        ))
                    if let lostAt {
                        connection.possibleGap(after: lostAt, before: .now(), reason: Self.noBacklog)
                    }
                    try await onConnected(found)
                    hasConnected = true
                    backoff.reset()
                    let selection = self.selection
                    try await client.subscribe(filters: Self.filters(selection: selection, namespaces: namespaces)) {
                        stream in
                        for try await envelope in stream {
                            let event = ContainerdDialect.event(envelope)
                            if selection.admits(event) { try await onEvent(event) }
                        }
                    }
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try Task.checkCancellation()
                if failFirst, !hasConnected { throw EngineError(.unreachable, "\(error)") }
                failure = "\(error)"
            }
            lostAt = .now()
            let delay = backoff.next()
            connection.disconnected(reason: failure, retryIn: delay)
            await onDisconnected(failure)
            try await Task.sleep(for: delay)
        }
    }

    static let noBacklog =
        "containerd keeps no event backlog, so what happened while reclaimd was not subscribed is not sent again; a [filesystem] section (the filesystem source) sees the space freed in such a gap"

    /// containerd's filters (any one matching lets an event through; the conditions in one all must hold): the
    /// configured namespaces, and the topics of the selected resources. Kinds are matched here, not by containerd.
    static func filters(selection: EventSelection, namespaces: [String]?) -> [String] {
        var topics: [String?] = [nil]
        if let resources = selection.resources {
            let wanted = ContainerdDialect.resources.filter { resources.contains($0.value) }.map(\.key).sorted()
            // None of containerd's: a subscription that matches nothing, still there to notice containerd leaving.
            topics = wanted.isEmpty ? ["topic==\"/reclaimd/nothing\""] : wanted.map { "topic~=\"^/\($0)/\"" }
        }
        var filters: [String] = []
        for namespace in namespaces ?? [""] {
            for topic in topics {
                let conditions = [namespace.isEmpty ? nil : "namespace==\"\(namespace)\"", topic].compactMap { $0 }
                if !conditions.isEmpty { filters.append(conditions.joined(separator: ",")) }
            }
        }
        return filters
    }
}
