import EngineAdapter
import Formats
import Time
import Rules
import JournalFormat
import Logging
import Rules

/// What the loop asks the driver to do. The loop decides; the driver performs, in order, and reports back as
/// inputs (a hook started, a hook ended, a timer went off).
public enum AgentEffect: Sendable {
    /// Write this entry (an event's audit, a run's start).
    case journal(JournalEntry)
    /// Log this line through the agent's logger.
    case log(Logger.Level, String, Logger.Metadata)
    /// Tell the service manager.
    case notify(ServiceNotification)
    /// Follow the source with this request, as generation `generation`; a previous one is cancelled first.
    case follow(generation: Int, FollowRequest)
    /// Stop following the source.
    case stopFollowing
    /// Start a hook run.
    case startHook(HookLaunch)
    /// Evaluate a garbage-collection policy; `.policyEvaluated` reports the end.
    case evaluatePolicy(PolicyRun)
    /// A previous agent left this hook's process group: end it if it is provably still that hook's.
    case endLeftoverHook(ProcessGroupRecord)
    /// Send `.timer` at this monotonic reading; nil cancels the timer. Replaces the timer set before.
    case setTimer(MonotonicTime?)
    /// Send `.graceExpired` after this long.
    case setGraceTimer(Duration)
    /// End every running hook's process group (SIGTERM, then SIGKILL): the grace passed.
    case endHooks
    /// Write this state atomically.
    case persist(AgentState)
    /// Count this in the metrics (emitted only when the agent keeps them).
    case observe(AgentObservation)
    /// The loop is done: the driver returns, rethrowing the source's failure if there is one.
    case finish(SourceFailure?)
}

/// A notification for the service manager (`sd_notify`).
public enum ServiceNotification: Sendable, Equatable {
    /// `READY=1` with a status line.
    case ready(status: String)
    /// `STATUS=` alone.
    case status(String)
    /// `RELOADING=1` (the driver adds `MONOTONIC_USEC`).
    case reloading
    /// `STOPPING=1` with a status line.
    case stopping(status: String)
    /// `WATCHDOG=1`.
    case watchdog
}

/// One hook run to start.
public struct HookLaunch: Sendable {
    /// Shared by every journal entry of the run.
    public var runID: String
    public var decision: Decision
    public var invocation: HookInvocation
}
