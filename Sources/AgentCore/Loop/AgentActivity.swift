import Formats
import Time
import Policies

/// What the loop has seen since the agent started, kept for observers (`status`, metrics): the connection's
/// history, the last event, each rule's last run. The loop's decisions never read it.
struct AgentActivity: Sendable {
    var startedAt = Timestamp(nanoseconds: 0)
    var connected = false
    /// When `connected` last changed.
    var connectionChangedAt: Timestamp?
    var connections = 0
    var lastEventTime: Timestamp?
    var eventsSeen = 0
    var lastRuns: [String: StatusSnapshot.LastRun] = [:]
    var lastEvaluations: [String: StatusSnapshot.LastEvaluation] = [:]
}

/// What happened, for the metrics: emitted as `.observe` only when the agent keeps metrics
/// (`AgentLoop.Settings.observed`), so an agent without them does not pay for it.
public enum AgentObservation: Sendable, Equatable {
    /// An event was handled: its resource, its engine-neutral kind, and the bytes it reported.
    case event(resource: String, kind: String, reclaimedBytes: UInt64?)
    /// A hook run ended.
    case run(rule: String, outcome: String, duration: Duration)
    /// The source connected again after losing the engine.
    case reconnected
    /// A policy's evaluation ended: `success`, `failure` or `dry run`, and what it removed and freed.
    case policy(name: String, outcome: String, trigger: EvaluationTrigger, result: PolicyResult)
    /// A listener (`metrics`, `status`) refused or dropped a client (`ConnectionRefusal`'s raw value).
    case connectionRefused(listener: String, reason: String)
}
