import AgentCore
import Policies
import SystemIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a one-shot `reclaimd gc` learns the last use the agent recorded: `STATE_DIR/state.json`, read only (the
/// agent owns the file). The uses still in the engine's own backlog come from its adapter (`recentUses`).
public enum PersistedLastUse {
    /// The agent's map; empty when absent or unreadable.
    public static func read(stateDirectory: String) -> LastUse {
        guard case .success(let bytes) = WholeFile.read(stateDirectory + "/state.json"),
            let state = try? JSONDecoder().decode(AgentState.self, from: Data(bytes))
        else { return LastUse() }
        return LastUse(times: state.imageLastUse)
    }
}
