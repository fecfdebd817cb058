import Formats
import Time

/// The loop's state as `reclaimd status` and the metrics see it.
extension AgentLoop {
    /// The status at `now`: the engine, each configured rule's pending batch and last run, and each policy's next
    /// and last evaluation.
    /// Pure: the driver takes one after each batch of inputs and serves it.
    public func statusSnapshot(at now: ClockReading) -> StatusSnapshot {
        let rules = configuration.rules.map { rule in
            let batch = decider.pendingBatch(of: rule.name)
            return StatusSnapshot.Rule(
                name: rule.name, pendingEvents: batch?.eventCount ?? 0, pendingBytes: batch?.totalBytes ?? 0,
                armedUntil: decider.dueTime(of: rule.name).map { now.wall(of: $0) },
                running: running[rule.name] != nil, lastRun: activity.lastRuns[rule.name])
        }
        let engineStatus = StatusSnapshot.Engine(
            description: status.engine, host: context.host, connected: activity.connected,
            since: activity.connectionChangedAt, reconnects: max(0, activity.connections - 1))
        let policies = configuration.policies.map { policy in
            StatusSnapshot.Policy(
                name: policy.name, nextEvaluation: schedule.due[policy.name].map { now.wall(of: $0.time) },
                evaluating: schedule.evaluating[policy.name] != nil,
                lastEvaluation: activity.lastEvaluations[policy.name])
        }
        return StatusSnapshot(
            startedAt: activity.startedAt, takenAt: now.wall, engine: engineStatus,
            lastEventTime: activity.lastEventTime, eventsSeen: activity.eventsSeen, bytesSeen: status.bytesSeen,
            rules: rules, policies: policies)
    }

    /// Emits an observation for the metrics, when the agent keeps them.
    mutating func observe(_ observation: @autoclosure () -> AgentObservation) {
        if settings.observed { emit(.observe(observation())) }
    }
}
