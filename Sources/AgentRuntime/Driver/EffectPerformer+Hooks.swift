import AgentCore
import Hooks
import Journal
import JournalFormat

extension EffectPerformer {
    /// Runs one hook in its own task: journals its output lines and its end, and reports its start (with its
    /// process group) and its end to the loop. Cancelling the task ends the hook's whole process group.
    func startHook(_ launch: HookLaunch) {
        let sink = driver.sink
        let inputs = self.inputs
        let rule = launch.decision.rule
        let program = launch.invocation.argv.first ?? ""
        hooks[rule] = Task {
            var completed = true
            var outcome = "failure"
            do {
                let result = try await HookRunner.run(
                    launch.invocation,
                    onStart: { pid in
                        inputs.yield(
                            .hookStarted(
                                rule: rule, processGroup: ProcessInspection.record(ofHook: pid, program: program)))
                    },
                    onLine: { stream, line in
                        sink.write(RunJournal.output(rule: rule, runID: launch.runID, stream: stream, line: line))
                    })
                if result.droppedOutputBytes > 0 {
                    sink.write(RunJournal.dropped(rule: rule, runID: launch.runID, bytes: result.droppedOutputBytes))
                }
                sink.write(RunJournal.finished(launch.decision, runID: launch.runID, result: result))
                completed = !Task.isCancelled
                outcome = completed ? result.outcome.rawValue : "interrupted by stop"
            } catch {
                completed = false
                if !(error is CancellationError) && !Task.isCancelled {
                    sink.write(RunJournal.failedToStart(launch.decision, runID: launch.runID, error: error))
                    completed = true
                }
            }
            inputs.yield(.hookEnded(rule: rule, completed: completed, outcome: outcome))
        }
    }
}
