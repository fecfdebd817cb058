import JournalFormat
import Foundation

/// `reclaimd run` with the default trim rule's selection (resources container, image, volume, builder; actions
/// prune and remove) but a hook that records each run's environment, against any engine. Quiet is short so each
/// freeing operation is its own run.
struct RunRecorder {
    let agent: ReclaimdProcess
    let runsFile: String

    init(host: String, directory: String, quiet: String = "1s") throws {
        let rule = "default\(UInt32.random(in: 0...UInt32.max))"
        runsFile = directory + "/runs-\(rule)"
        let config = try AgentConfigFile.trimSelectionRule(
            in: directory, rule: rule,
            hookBody:
                "echo \"$RECLAIMD_ENGINE $RECLAIMD_EVENT_COUNT $RECLAIMD_RESOURCES $RECLAIMD_DATA_ROOT\" >> '\(runsFile)'",
            quiet: quiet)
        agent = try ReclaimdProcess(
            ["run", "--config", config, "--host", host, "--log-target", "journal"], directory: directory)
    }

    /// Waits for this agent's engine-connected entry (`count` of them: after a reconnection, 2).
    func waitUntilConnected(count: Int = 1) async throws {
        try await agent.waitUntilConnected(times: count)
    }

    /// The runs so far, one line each: engine, event count, resources, data root.
    var runs: [String] {
        ((try? String(contentsOfFile: runsFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Waits for run number `count`, then long enough (twice quiet) that a second run for the same operation would
    /// have started, and returns the runs.
    func waitForRun(_ count: Int, quiet: Duration = .seconds(1)) async throws -> [String] {
        try await waitUntil(timeout: .seconds(30), "run \(count)") { runs.count >= count }
        try await Task.sleep(for: quiet * 2)  // a duplicate run would start within quiet; none may come
        return runs
    }
}
