import AgentCore
import EngineAdapter
import JournalFormat
import Policies

extension EffectPerformer {
    /// Evaluates one policy in its own task against the engine the source follows, through that engine's adapter:
    /// journals each removal and the summary, and reports the end to the loop. A stop cancels it; the next start
    /// evaluates again.
    func evaluatePolicy(_ run: PolicyRun) {
        let sink = driver.sink
        let inputs = self.inputs
        let engines = driver.engines
        let name = run.policy.name
        policyTasks[name] = Task {
            var failure: String?
            var outcomes: [RemovalOutcome] = []
            var summaries: [EvaluationSummary] = []
            do {
                summaries = try await engines.adapter(host: run.engineHost).withCollection { collection in
                    let evaluator = PolicyEvaluator(
                        engine: collection, lastUse: run.lastUse, dryRun: run.dryRun, trigger: run.trigger)
                    return try await evaluator.evaluate(run.policy) { outcome in
                        sink.write(PolicyJournal.removal(outcome))
                        outcomes.append(outcome)
                    }
                }
                for summary in summaries { sink.write(PolicyJournal.summary(summary)) }
            } catch {
                failure = "\(error)"
            }
            // What was removed before a failure counts too (the journal has each removal).
            let result = PolicyResult(outcomes: outcomes, summaries: summaries, dryRun: run.dryRun)
            inputs.yield(.policyEvaluated(policy: name, failure: failure, result: result))
        }
    }
}
