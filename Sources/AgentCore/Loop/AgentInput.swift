import EngineAdapter
import Rules

/// Everything that can happen to the agent, as the loop sees it. The driver turns signals, timers, the source
/// and finished hooks into these, one at a time.
public enum AgentInput: Sendable {
    /// A report of the source started by `.follow(generation:)`; one of a superseded source is ignored.
    case source(generation: Int, SourceReport)
    /// That source ended: by itself (`failure` nil) or with a failure it does not retry.
    case sourceEnded(generation: Int, failure: SourceFailure?)
    /// SIGHUP: the configuration read again (the driver reads it; the loop applies or rejects it).
    case reload(Result<AgentConfiguration, ConfigurationErrors>)
    /// Time to tell the service manager the loop is alive.
    case watchdogTick
    /// A hook's process started; its group is remembered so a restart can end a hook a dead agent left.
    case hookStarted(rule: String, processGroup: ProcessGroupRecord)
    /// A hook run ended. `completed` is false when a stop ended it: its batch stays in flight for next time.
    case hookEnded(rule: String, completed: Bool, outcome: String)
    /// A policy's evaluation ended; `failure` says why it stopped early; `result`, what it did.
    case policyEvaluated(policy: String, failure: String?, result: PolicyResult = PolicyResult())
    /// The timer set by `.setTimer` went off.
    case timer
    /// The periodic chance to write state that changed (at most once a second).
    case flush
    /// SIGTERM or SIGINT: stop taking events, let hooks finish within the grace, persist, end.
    case stop
    /// The shutdown grace passed with hooks still running.
    case graceExpired
}
