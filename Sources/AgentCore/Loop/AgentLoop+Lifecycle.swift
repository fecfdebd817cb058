import EngineAdapter
import Formats
import Time
import Rules

/// Reload, stop and the end.
extension AgentLoop {
    /// Applies a configuration read again. Rules that keep their name keep their batch, last start and run in
    /// progress; a rejected configuration changes nothing. A changed filter follows the source anew from the cursor.
    mutating func reload(_ result: Result<AgentConfiguration, ConfigurationErrors>, at now: ClockReading) {
        guard phase == .running else { return }
        emit(.notify(.reloading))
        switch result {
        case .failure(let problems):
            for problem in problems.errors {
                emit(.log(.error, "reload rejected, the previous configuration stays: \(problem)", [:]))
            }
        case .success(let reloaded):
            let oldRequest = followRequest
            var replacement = RuleDecider(rules: reloaded.rules)
            for rule in reloaded.rules where rules[rule.name] != nil {
                if let batch = decider.pendingBatch(of: rule.name) {
                    replacement.restore(batch.limited(to: rule.maxBatchEvents), for: rule.name, at: now.monotonic)
                }
                if let lastStart = decider.lastStart(of: rule.name) {
                    replacement.restoreLastStart(of: rule.name, lastStart)
                }
                if running[rule.name] != nil { replacement.markRunning(rule.name) }
            }
            decider = replacement
            configuration.rules = reloaded.rules
            rules = Self.byName(reloaded.rules)
            status.rules = reloaded.rules.count
            configuration.filesystem = reloaded.filesystem
            configuration.policies = reloaded.policies
            schedule.follow(reloaded.policies, first: now.monotonic.advanced(by: PolicySchedule.debounce))
            if reloaded.metrics != configuration.metrics {
                emit(
                    .log(
                        .warning, "[metrics] changed: the metrics keep their present settings until reclaimd restarts",
                        [:]))
            }
            if followRequest != oldRequest {
                generation += 1
                emit(.follow(generation: generation, followRequest))
            }
            dirty = true
            emit(.log(.info, "reloaded the configuration: \(reloaded.rules.count) rules", [:]))
        }
        emit(.notify(.ready(status: status.line)))
    }

    /// Stops taking events; ends at once without hooks running, else waits for them up to the grace.
    mutating func stop(at now: ClockReading) {
        guard phase == .running else { return }
        phase = .stopping
        emit(.notify(.stopping(status: "stopping: waiting for \(running.count) hooks")))
        emit(.stopFollowing)
        emit(
            .log(
                .info,
                "stopping: \(running.count) hooks running, waiting up to \(DurationText.format(settings.shutdownGrace))",
                [:]))
        if running.isEmpty {
            finish(nil, at: now)
        } else {
            emit(.setGraceTimer(settings.shutdownGrace))
        }
    }

    /// Persists and ends.
    mutating func finish(_ failure: SourceFailure?, at now: ClockReading) {
        persist(at: now)
        phase = .finished
        emit(.finish(failure))
    }
}
