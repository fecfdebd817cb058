import EngineAdapter
import EventModel
import Formats
import Time
import Logging
import Rules

/// The agent's heart, with no I/O: inputs and clock readings in, effects out.
///
/// It owns every piece of the agent's state (the rule engine, the cursor, the runs in progress, the connection's
/// status) and decides what follows each input: journal an event, start a hook, persist, follow the source anew.
/// `AgentDriver` performs the effects and feeds back what happened. Timers run on the monotonic reading; the
/// wall reading only stamps the cursor and what is persisted.
public struct AgentLoop: Sendable {
    /// What the command line decided, fixed for the agent's life.
    public struct Settings: Sendable {
        /// Journal "would run" instead of starting hooks.
        public var dryRun: Bool
        /// How long a stop waits for running hooks before ending them.
        public var shutdownGrace: Duration
        /// The agent's LANG, passed on to hooks.
        public var lang: String?
        /// Emit `.observe` effects for the metrics (only when `[metrics]` is on).
        public var observed: Bool

        public init(
            dryRun: Bool = false, shutdownGrace: Duration = .seconds(30), lang: String? = nil,
            observed: Bool = false
        ) {
            self.dryRun = dryRun
            self.shutdownGrace = shutdownGrace
            self.lang = lang
            self.observed = observed
        }
    }

    /// Where the loop is in its life.
    public enum Phase: Sendable, Equatable {
        case running
        /// Stopping: no new events or runs; waiting for hooks.
        case stopping
        /// Done: `.finish` was emitted; further inputs are ignored.
        case finished
    }

    let settings: Settings
    var configuration: AgentConfiguration
    var rules: [String: RuleDefinition]
    var decider: RuleDecider
    /// The cursor and the engine's ID; rules' parts are built fresh at each snapshot.
    var state = AgentState()
    /// Runs in progress, by rule.
    var running: [String: RunningHook] = [:]
    /// Batches of runs a stop interrupted, by rule: in flight for the next start.
    var interrupted: [String: Batch] = [:]
    /// What hooks are told of the engine; its data root is empty until the source said.
    var context = HookEnvironment.EngineContext(kind: "", host: "", dataRoot: "")
    /// The source generation whose reports count.
    var generation = 0
    public internal(set) var dirty = false
    var timerDeadline: MonotonicTime?
    var status: ServiceStatus
    /// What observers (status, metrics) are told; decisions never read it.
    var activity = AgentActivity()
    /// Rules already warned about (`warnAboutThresholds`): once per agent life.
    var warnedRules: Set<String> = []
    /// When each policy is evaluated next.
    var schedule = PolicySchedule()
    /// Connected now (set on connection, cleared on a loss): policies are never evaluated without the engine.
    var engineReachable = false
    public internal(set) var phase = Phase.running
    /// Effects of the input being handled.
    private var effects: [AgentEffect] = []

    public init(configuration: AgentConfiguration, settings: Settings) {
        self.settings = settings
        self.configuration = configuration
        rules = Self.byName(configuration.rules)
        decider = RuleDecider(rules: configuration.rules)
        status = ServiceStatus(rules: configuration.rules.count)
    }

    /// Hooks start only once the source said where the engine's data lives (`RECLAIMD_DATA_ROOT`).
    var hooksMayStart: Bool { !context.dataRoot.isEmpty }

    /// The first effects: restore what a previous agent left (`loaded` is what the state store found), end
    /// hooks it left running, and start following the source from the cursor.
    public mutating func start(restoring loaded: LoadedState, at now: ClockReading) -> [AgentEffect] {
        activity.startedAt = now.wall
        restore(loaded, at: now)
        // Each policy soon after start (the replay from the cursor first teaches last use), then at its interval.
        schedule.follow(configuration.policies, first: now.monotonic.advanced(by: PolicySchedule.debounce))
        warnAboutThresholds(engine: nil)
        emit(.follow(generation: generation, followRequest))
        return takeEffects()
    }

    /// Handles one input at clock reading `now`; returns what to do, in order.
    public mutating func handle(_ input: AgentInput, at now: ClockReading) -> [AgentEffect] {
        guard phase != .finished else { return [] }
        switch input {
        case .source(let from, let report):
            if from == generation { sourceReported(report, at: now) }
        case .sourceEnded(let from, let failure):
            if from == generation { sourceEnded(failure, at: now) }
        case .reload(let result):
            reload(result, at: now)
        case .watchdogTick:
            emit(.notify(.watchdog))
        case .hookStarted(let rule, let group):
            running[rule]?.processGroup = group
            persist(at: now)  // a SIGKILL from here on must find the run in flight
        case .hookEnded(let rule, let completed, let outcome):
            hookEnded(rule: rule, completed: completed, outcome: outcome, at: now)
        case .timer:
            timerDeadline = nil  // a timer that woke a little early must be set again
            if phase == .running, hooksMayStart { launch(decider.advance(to: now.monotonic), at: now) }
            launchDuePolicies(at: now)
        case .policyEvaluated(let name, let failure, let result):
            policyEvaluated(name, failure: failure, result: result, at: now)
        case .flush:
            if dirty { persist(at: now) }
        case .stop:
            stop(at: now)
        case .graceExpired:
            emit(.log(.warning, "the shutdown grace passed: ending \(running.count) hooks' process groups", [:]))
            emit(.endHooks)
        }
        setTimer()
        return takeEffects()
    }

    /// The request for following the source from the current cursor with the current rules' filter.
    var followRequest: FollowRequest {
        let resumePoint = state.cursorTimeNano.map { time in
            ResumePoint(time: Timestamp(nanoseconds: time), keys: state.cursorKeys.compactMap(EventKey.init))
        }
        return FollowRequest(
            selection: Self.selection(configuration), resumePoint: resumePoint,
            filesystem: configuration.activeFilesystemWatch)
    }

    mutating func emit(_ effect: AgentEffect) {
        effects.append(effect)
    }

    private mutating func takeEffects() -> [AgentEffect] {
        defer { effects = [] }
        return effects
    }

    /// Sets the timer to the rules' next deadline when it changed; none while hooks may not start or stopping.
    private mutating func setTimer() {
        let rules = phase == .running && hooksMayStart ? decider.nextDeadline : nil
        let deadline = [rules, policyDeadline].compactMap { $0 }.min()
        guard deadline != timerDeadline else { return }
        timerDeadline = deadline
        emit(.setTimer(deadline))
    }

    static func byName(_ rules: [RuleDefinition]) -> [String: RuleDefinition] {
        Dictionary(rules.map { ($0.name, $0) }) { first, _ in first }
    }
}

/// A run in progress.
struct RunningHook: Sendable {
    var batch: Batch
    var program: String
    var processGroup: ProcessGroupRecord?
    /// When it started, for its duration.
    var startedAt: MonotonicTime
}
