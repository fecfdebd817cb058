import JournalFormat
import AgentCore
import AgentRuntime
import Foundation

/// The state file an agent saved in `directory` (its `[state] dir`), decoded; nil while there is none.
///
/// The agent writes it atomically (a temporary file renamed into place), so a test may poll it while the agent runs.
func savedState(_ directory: String) throws -> AgentState? {
    guard let data = FileManager.default.contents(atPath: directory + "/state.json") else { return nil }
    return try JSONDecoder().decode(AgentState.self, from: data)
}
