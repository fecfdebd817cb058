import EngineAdapter
import JournalFormat
import Logging

/// The engine the agent follows, found among candidates: the first whose socket is there. With several and none
/// there (an agent started before its engine), says so once, naming all, and looks again with backoff; with one,
/// its adapter reports its own errors.
public struct DiscoveringSource: EventSource {
    public let candidates: [String]
    public let registry: EngineRegistry

    public init(candidates: [String], registry: EngineRegistry) {
        self.candidates = candidates
        self.registry = registry
    }

    public func follow(_ request: FollowRequest, report: @escaping @Sendable (SourceReport) async -> Void) async throws
    {
        let host = try await present(report: report)
        try await registry.adapter(host: host).follow(request, report: report)
    }

    private func present(report: @Sendable (SourceReport) async -> Void) async throws -> String {
        guard candidates.count > 1 else { return candidates.first ?? "" }
        var backoff = Backoff()
        var said = false
        while true {
            if let host = EngineRegistry.firstPresent(candidates) { return host }
            let reason = "no engine socket at \(EngineRegistry.describe(candidates)) yet"
            if !said {
                registry.logger.warning(
                    "\(reason); waiting for an engine to start",
                    metadata: [
                        JournalField.messageIDMetadataKey: "\(MessageID.engineLost.hex)"
                    ])
                await report(.disconnected(reason: reason))
                said = true
            }
            try await Task.sleep(for: backoff.next())
        }
    }
}
