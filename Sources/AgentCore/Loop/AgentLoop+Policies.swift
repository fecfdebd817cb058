import EventModel
import Formats
import Time
import Policies
import Rules

/// Garbage-collection policies: the loop decides when each is evaluated; the driver evaluates.
extension AgentLoop {
    /// Records the use an event shows, and asks for an evaluation after a pull, build, load or creation.
    mutating func notePolicyUse(_ event: ReclaimEvent, at now: ClockReading) {
        guard !configuration.policies.isEmpty else { return }
        var lastUse = LastUse(times: state.imageLastUse)
        if lastUse.record(event) {
            lastUse.keepNewest(LastUse.maximumNames)
            state.imageLastUse = lastUse.times
            dirty = true
        }
        if LastUse.triggersEvaluation(event) { schedule.request(at: now.monotonic) }
    }

    /// Starts the evaluations that are due, but only while the engine is reachable (and has said where its
    /// data lives): one waiting for it starts once it is back.
    mutating func launchDuePolicies(at now: ClockReading) {
        guard phase == .running, engineReachable, hooksMayStart else { return }
        for (name, trigger) in schedule.takeDue(at: now.monotonic) {
            guard let policy = configuration.policies.first(where: { $0.name == name }) else { continue }
            emit(
                .evaluatePolicy(
                    PolicyRun(
                        policy: policy, lastUse: LastUse(times: state.imageLastUse),
                        dryRun: settings.dryRun || policy.dryRun, engineHost: context.host,
                        dataRoot: context.dataRoot, trigger: trigger)))
        }
    }

    /// An evaluation ended (`failure`: why it could not finish, e.g. the engine went away), and what it did.
    mutating func policyEvaluated(_ name: String, failure: String?, result: PolicyResult, at now: ClockReading) {
        let interval = configuration.policies.first { $0.name == name }?.interval
        let trigger = schedule.ended(name, interval: interval, at: now.monotonic) ?? .manual
        let outcome = failure != nil ? "failure" : result.dryRun ? "dry run" : "success"
        activity.lastEvaluations[name] = StatusSnapshot.LastEvaluation(
            outcome: outcome, endedAt: now.wall, removed: result.removedCount, refused: result.refused,
            freed: result.freed)
        observe(.policy(name: name, outcome: outcome, trigger: trigger, result: result))
        if let failure {
            emit(.log(.warning, "policy \(name): the evaluation stopped: \(failure)", [:]))
        }
        launchDuePolicies(at: now)
    }

    /// The deadline for the loop's timer: the policies' next evaluation, while they may run.
    var policyDeadline: MonotonicTime? {
        phase == .running && engineReachable && hooksMayStart ? schedule.nextDeadline : nil
    }
}

/// One evaluation of a policy for the driver to perform.
public struct PolicyRun: Sendable {
    public var policy: PolicyDefinition
    /// The last-use map as the loop knows it when the evaluation starts.
    public var lastUse: LastUse
    public var dryRun: Bool
    /// The engine's address and data root, as the source reported them.
    public var engineHost: String
    public var dataRoot: String
    /// Why it runs: journaled with its summaries.
    public var trigger: EvaluationTrigger
}
