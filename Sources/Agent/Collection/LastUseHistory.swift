import EngineAPI
import Formats
import Policies
import SystemIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a one-shot evaluation learns last use: the agent's persisted map, and the uses the engine still holds
/// in its event backlog.
public enum LastUseHistory {
    /// The agent's map from `STATE_DIR/state.json`, read only (the agent owns the file); empty when absent.
    public static func persisted(stateDirectory: String) -> LastUse {
        guard case .success(let bytes) = WholeFile.read(stateDirectory + "/state.json"),
              let state = try? JSONDecoder().decode(AgentState.self, from: Data(bytes)) else { return LastUse() }
        return LastUse(times: state.imageLastUse)
    }

    /// The uses in the engine's backlog (Docker: its last 256 events) up to now. Podman 4.3 answers an `until`
    /// of the current second with its first event only: it gets a second more.
    public static func backlog(_ client: EngineClient, _ identity: EngineIdentity) async throws -> LastUse {
        let until = Timestamp.now().advanced(by: identity.kind == .podman ? .seconds(1) : .zero)
        let query = EventQuery(since: Timestamp(seconds: 0), until: until, filters: LastUse.eventFilter)
        var lastUse = LastUse()
        try await client.streamEvents(identity, query) { item in
            if case .event(let event) = item { lastUse.record(event) }
        }
        return lastUse
    }
}
