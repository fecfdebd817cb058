import JournalFormat
import Rules
import Rules

/// Starting runs the rule engine decides on, and what follows their end.
extension AgentLoop {
    /// Starts a run per decision: journals it, then starts its hook, or in a dry run ends it at once.
    mutating func launch(_ decisions: [Decision], at now: ClockReading) {
        for decision in decisions {
            guard let rule = rules[decision.rule] else { continue }
            let runID = "\(rule.name)-\(now.wall.nanoseconds)"
            emit(.journal(RunJournal.started(decision, runID: runID, dryRun: settings.dryRun)))
            running[rule.name] = RunningHook(
                batch: decision.batch, program: rule.hook.first ?? "", processGroup: nil,
                startedAt: now.monotonic)
            dirty = true
            if settings.dryRun {
                hookEnded(rule: rule.name, completed: true, outcome: "dry run", at: now)
                continue
            }
            let invocation = HookInvocation(
                argv: rule.hook,
                environment: HookEnvironment.build(
                    rule: rule, decision: decision, engine: context, lang: settings.lang),
                stdin: Array(decision.batch.json.utf8),
                timeout: rule.timeout)
            emit(.startHook(HookLaunch(runID: runID, decision: decision, invocation: invocation)))
        }
    }

    /// A run ended. While stopping, the last one to end ends the loop; otherwise the rule's next batch may be due.
    mutating func hookEnded(rule: String, completed: Bool, outcome: String, at now: ClockReading) {
        status.lastRun = "\(rule) \(outcome)"
        emit(.notify(.status(status.line)))
        if let run = running.removeValue(forKey: rule) {
            if !completed { interrupted[rule] = run.batch }
            let duration = now.monotonic.duration(since: run.startedAt)
            activity.lastRuns[rule] = StatusSnapshot.LastRun(outcome: outcome, endedAt: now.wall, duration: duration)
            observe(.run(rule: rule, outcome: outcome, duration: duration))
        }
        dirty = true
        switch phase {
        case .stopping:
            if running.isEmpty { finish(nil, at: now) }
        case .running:
            launch(decider.runFinished(rule: rule, at: now.monotonic), at: now)
        case .finished:
            break
        }
    }
}
