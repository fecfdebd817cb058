import EngineAPI
import Formats
import Hooks
import Journal
import Logging
import Rules
import SystemIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `reclaimd run`: follows the engine's events, journals each, feeds the rule engine on the wall clock, starts the
/// hooks it decides on, and persists what a restart needs.
///
/// One loop owns all state (the rule engine, the cursor, the runs in progress); the event subscription, the hook
/// runs and the timers send it inputs through one stream, so nothing is shared between tasks.
public struct AgentRuntime: Sendable {
    public var configuration: AgentConfiguration
    public var endpoint: EngineEndpoint
    public var dryRun: Bool
    public var sink: JournalSink
    public var logger: Logger
    /// The agent's LANG, passed on to hooks.
    public var lang: String?
    /// Where state.json lives; nil keeps no state (tests of other parts).
    public var stateStore: StateStore?
    /// How long a stop waits for running hooks before ending their process groups.
    public var shutdownGrace: Duration

    public init(configuration: AgentConfiguration, endpoint: EngineEndpoint, dryRun: Bool, sink: JournalSink,
                logger: Logger, lang: String?, stateStore: StateStore?, shutdownGrace: Duration = .seconds(30)) {
        self.configuration = configuration
        self.endpoint = endpoint
        self.dryRun = dryRun
        self.sink = sink
        self.logger = logger
        self.lang = lang
        self.stateStore = stateStore
        self.shutdownGrace = shutdownGrace
    }

    private enum Input: Sendable {
        /// From subscription `generation`; a reload that changes the filter starts a new one.
        case fromSubscription(generation: Int, SubscriptionInput)
        case reload
        case watchdogTick
        case hookStarted(rule: String, processGroup: Int32)
        /// A run ended; `completed` is false when a stop ended it, so its batch stays in flight for next time.
        case finished(rule: String, completed: Bool, outcome: String)
        case tick
        case flush
        case stop
        case graceExpired
    }

    private enum SubscriptionInput: Sendable {
        case connected(EngineIdentity, EngineInfo?)
        case disconnected(reason: String)
        case event(ReclaimEvent)
        case ended((any Error)?)
    }

    /// A run in progress.
    private struct Running {
        var batch: Batch
        var processGroup: Int32?
        var program: String
    }

    /// Runs until `stopRequested` returns (a signal) and running hooks have finished or the grace ran out, or until
    /// the subscription fails for good.
    ///
    /// - Parameters:
    ///   - reloadRequests: each element asks for a reload (SIGHUP).
    ///   - loadConfiguration: reads and validates the configuration again, for a reload.
    public func run(
        stopRequested: @escaping @Sendable () async -> Void,
        reloadRequests: AsyncStream<Void>? = nil,
        loadConfiguration: (@Sendable () -> Result<AgentConfiguration, ConfigurationErrors>)? = nil
    ) async throws {
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self)
        let client = EngineClient(endpoint: endpoint)
        var configuration = self.configuration
        var rulesByName = Dictionary(configuration.rules.map { ($0.name, $0) }) { first, _ in first }
        var engine = RuleEngine(rules: configuration.rules)
        var state = AgentState()
        var context = HookEnvironment.EngineContext(kind: EngineKind.docker.rawValue, host: endpoint.description, dataRoot: "")
        var running: [String: Running] = [:]
        var dirty = false
        var stopping = false
        var status = ServiceStatus(rules: configuration.rules.count)

        // Restore: pending and in-flight batches are handled again now, so they fire again (at least once).
        if let stateStore {
            switch try stateStore.load() {
            case .fresh:
                break
            case .setAside(let movedTo, let reason):
                logger.warning("the state file was unusable (\(reason)); moved it to \(movedTo) and starting fresh")
            case .restored(let restored):
                state = restored
                let now = Timestamp.now()
                for (name, ruleState) in restored.rules where rulesByName[name] != nil {
                    endLeftoverHook(ruleState)
                    if let lastStart = ruleState.lastStartNano {
                        engine.restoreLastStart(of: name, Timestamp(nanoseconds: lastStart))
                    }
                    for stored in ruleState.inFlight + ruleState.pending {
                        // Only this rule gets them back: other rules kept their own copies.
                        engine.handleRestored(stored, for: name, at: now)
                    }
                }
                let restoredRuns = restored.rules.values.filter { !$0.inFlight.isEmpty }.count
                logger.info("resuming from \(state.cursorTimeNano.map { Timestamp(nanoseconds: $0).rfc3339 } ?? "the start"); \(restoredRuns) interrupted runs will run again")
            }
        }
        let logger = self.logger
        let endpoint = self.endpoint
        /// Subscribes from the current cursor with the current rules' filter.
        func subscribe(generation: Int) -> Task<Void, Never> {
            let filters = configuration.eventFilter
            let resumePoint = state.cursorTimeNano.map { time in
                (time: Timestamp(nanoseconds: time), keys: state.cursorKeys.compactMap(EventKey.init))
            }
            let subscription = EventSubscription(client: client, query: EventQuery(filters: filters), policy: .always,
                                                 logger: logger, resumePoint: resumePoint)
            func send(_ input: SubscriptionInput) {
                continuation.yield(.fromSubscription(generation: generation, input))
            }
            return Task {
                var report = ConnectionReport(logger: logger, endpoint: endpoint, firstConnectionLevel: .info)
                do {
                    try await subscription.run(onNotification: { notification in
                        report.report(notification)
                        switch notification {
                        case .connected(let identity):
                            send(.connected(identity, try? await client.info(identity)))
                        case .disconnected(let reason, _):
                            send(.disconnected(reason: reason))
                        case .possibleGap:
                            break  // journaled by the report
                        }
                    }, onEvent: { send(.event($0)) })
                    send(.ended(nil))
                } catch is CancellationError {
                    send(.ended(nil))
                } catch {
                    send(.ended(error))
                }
            }
        }
        var generation = 0
        var subscriptionTask = subscribe(generation: generation)
        let reloadTask = reloadRequests.map { requests in
            Task {
                for await _ in requests { continuation.yield(.reload) }
            }
        }
        let stopTask = Task {
            await stopRequested()
            continuation.yield(.stop)
        }
        let flushTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(.flush)
            }
        }
        // Watchdog pings come from this loop, so the manager hears them only while the loop really runs.
        let watchdogTask = ServiceNotifier.watchdogInterval.map { interval in
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    continuation.yield(.watchdogTick)
                }
            }
        }
        var timer: Task<Void, Never>?
        var timerDeadline: Timestamp?
        var graceTimer: Task<Void, Never>?
        defer {
            subscriptionTask.cancel()
            stopTask.cancel()
            flushTask.cancel()
            reloadTask?.cancel()
            watchdogTask?.cancel()
            timer?.cancel()
            graceTimer?.cancel()
        }

        func snapshot() -> AgentState {
            var snapshot = state
            snapshot.rules = [:]
            for rule in configuration.rules {
                var ruleState = AgentState.RuleState()
                ruleState.pending = (engine.pendingBatch(of: rule.name)?.events ?? [])
                if let run = running[rule.name] {
                    ruleState.inFlight = run.batch.events
                    ruleState.inFlightProcessGroup = run.processGroup
                    ruleState.inFlightProgram = run.program
                } else if let kept = state.rules[rule.name], !kept.inFlight.isEmpty, stopping {
                    // A run a stop interrupted stays in flight for the next start.
                    ruleState.inFlight = kept.inFlight
                }
                ruleState.lastStartNano = engine.lastStart(of: rule.name)?.nanoseconds
                snapshot.rules[rule.name] = ruleState
            }
            return snapshot
        }
        func persist() {
            guard let stateStore else { return }
            do {
                state = snapshot()
                try stateStore.save(state)
                dirty = false
            } catch {
                logger.error("\(error)")
            }
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            for await input in inputs {
                let now = Timestamp.now()
                var decisions: [Decision] = []
                switch input {
                case .fromSubscription(let from, let input):
                    // A superseded subscription: the current one replays from the cursor.
                    guard from == generation else { continue }
                    switch input {
                    case .connected(let identity, let info):
                        context.kind = identity.kind.rawValue
                        context.dataRoot = info?.dockerRootDir ?? context.dataRoot
                        if let id = info?.id, !id.isEmpty {
                            if let known = state.engineID, known != id, let cursor = state.cursorTimeNano {
                                logger.warning("the engine is not the one the cursor came from (ID \(known) is now \(id)): events after \(Timestamp(nanoseconds: cursor)) may have been missed", metadata: [
                                    JournalLogHandler.messageIDKey: "\(MessageID.eventsMayBeMissed.hex)",
                                    "window_start": "\(Timestamp(nanoseconds: cursor))", "window_end": "\(now)",
                                ])
                            }
                            state.engineID = id
                        }
                        status.engine = "\(identity.serverProduct) (API \(identity.negotiatedVersion))"
                        // Ready once connected; the replay from the cursor follows at once on the same stream.
                        ServiceNotifier.notify((status.isReady ? "" : "READY=1\n") + "STATUS=\(status.line)")
                        status.isReady = true
                    case .disconnected(let reason):
                        status.engine = "engine unreachable (\(reason.prefix(80))), retrying"
                        ServiceNotifier.notify("STATUS=\(status.line)")
                    case .event(let event):
                        guard !stopping else { continue }
                        sink.write(EventAuditEntry.entry(for: event))
                        decisions = engine.handle(RuleEvent(event), at: now)
                        if event.isPrune, let bytes = event.reclaimedBytes {
                            status.bytesSeen = status.bytesSeen.addingReportingOverflow(bytes).partialValue
                        }
                        if let cursor = state.cursorTimeNano, event.time.nanoseconds == cursor {
                            state.cursorKeys.append(event.key.description)
                        } else if event.time.nanoseconds > state.cursorTimeNano ?? .min {
                            state.cursorTimeNano = event.time.nanoseconds
                            state.cursorKeys = [event.key.description]
                        }
                        dirty = true
                    case .ended(let error):
                        if let error { persist(); throw error }
                        if !stopping { persist(); return }
                    }
                case .watchdogTick:
                    ServiceNotifier.notify("WATCHDOG=1")
                case .reload:
                    guard !stopping, let loadConfiguration else { continue }
                    ServiceNotifier.notify("RELOADING=1\nMONOTONIC_USEC=\(ServiceNotifier.monotonicMicroseconds)")
                    switch loadConfiguration() {
                    case .failure(let problems):
                        for problem in problems.errors {
                            logger.error("reload rejected, the previous configuration stays: \(problem)")
                        }
                    case .success(let reloaded):
                        let oldFilter = configuration.eventFilter
                        var replacement = RuleEngine(rules: reloaded.rules)
                        for rule in reloaded.rules where rulesByName[rule.name] != nil {
                            // A rule that keeps its name keeps its batch, last start, and run in progress.
                            for event in engine.pendingBatch(of: rule.name)?.events ?? [] {
                                replacement.handleRestored(event, for: rule.name, at: now)
                            }
                            if let lastStart = engine.lastStart(of: rule.name) { replacement.restoreLastStart(of: rule.name, lastStart) }
                            if running[rule.name] != nil { replacement.markRunning(rule.name) }
                        }
                        engine = replacement
                        configuration.rules = reloaded.rules
                        rulesByName = Dictionary(reloaded.rules.map { ($0.name, $0) }) { first, _ in first }
                        status.rules = reloaded.rules.count
                        if configuration.eventFilter != oldFilter {
                            subscriptionTask.cancel()
                            generation += 1
                            subscriptionTask = subscribe(generation: generation)
                        }
                        dirty = true
                        logger.info("reloaded the configuration: \(reloaded.rules.count) rules")
                    }
                    ServiceNotifier.notify("READY=1\nSTATUS=\(status.line)")
                case .hookStarted(let rule, let processGroup):
                    running[rule]?.processGroup = processGroup
                    persist()  // a SIGKILL from here on must find the run in flight
                case .finished(let rule, let completed, let outcome):
                    status.lastRun = "\(rule) \(outcome)"
                    ServiceNotifier.notify("STATUS=\(status.line)")
                    if let run = running.removeValue(forKey: rule), !completed {
                        state.rules[rule, default: AgentState.RuleState()].inFlight = run.batch.events
                    } else {
                        state.rules[rule]?.inFlight = []
                    }
                    dirty = true
                    if stopping {
                        if running.isEmpty { persist(); return }
                        continue
                    }
                    decisions = engine.runFinished(rule: rule, at: now)
                case .tick:
                    decisions = stopping ? [] : engine.advance(to: now)
                    timerDeadline = nil  // a timer that woke a little early must be armed again
                case .flush:
                    if dirty { persist() }
                case .stop:
                    stopping = true
                    ServiceNotifier.notify("STOPPING=1\nSTATUS=stopping: waiting for \(running.count) hooks")
                    subscriptionTask.cancel()
                    timer?.cancel()
                    logger.info("stopping: \(running.count) hooks running, waiting up to \(DurationText.format(shutdownGrace))")
                    if running.isEmpty { persist(); return }
                    let grace = shutdownGrace
                    graceTimer = Task {
                        try? await Task.sleep(for: grace)
                        if !Task.isCancelled { continuation.yield(.graceExpired) }
                    }
                case .graceExpired:
                    logger.warning("the shutdown grace passed: ending \(running.count) hooks' process groups")
                    group.cancelAll()
                }
                for decision in decisions {
                    guard let rule = rulesByName[decision.rule] else { continue }
                    let runID = "\(rule.name)-\(now.nanoseconds)"
                    sink.write(RunJournal.started(decision, runID: runID, dryRun: dryRun))
                    if dryRun {
                        continuation.yield(.finished(rule: rule.name, completed: true, outcome: "dry run"))
                        running[rule.name] = Running(batch: decision.batch, processGroup: nil, program: rule.hook.first ?? "")
                        continue
                    }
                    running[rule.name] = Running(batch: decision.batch, processGroup: nil, program: rule.hook.first ?? "")
                    dirty = true
                    let invocation = HookInvocation(
                        argv: rule.hook,
                        environment: HookEnvironment.build(rule: rule, decision: decision, engine: context, lang: lang),
                        stdin: Array(decision.batch.json.utf8),
                        timeout: rule.timeout)
                    let sink = self.sink
                    group.addTask {
                        var completed = true
                        var outcome = "failure"
                        do {
                            let result = try await HookRunner.run(invocation, onStart: { pid in
                                continuation.yield(.hookStarted(rule: decision.rule, processGroup: pid))
                            }, onLine: { stream, line in
                                sink.write(RunJournal.output(rule: decision.rule, runID: runID, stream: stream, line: line))
                            })
                            if result.droppedOutputBytes > 0 {
                                sink.write(RunJournal.dropped(rule: decision.rule, runID: runID, bytes: result.droppedOutputBytes))
                            }
                            sink.write(RunJournal.finished(decision, runID: runID, result: result))
                            completed = !Task.isCancelled
                            outcome = completed ? result.outcome.rawValue : "interrupted by stop"
                        } catch {
                            completed = false
                            if !(error is CancellationError) && !Task.isCancelled {
                                sink.write(RunJournal.failedToStart(decision, runID: runID, error: error))
                                completed = true
                            }
                        }
                        continuation.yield(.finished(rule: decision.rule, completed: completed, outcome: outcome))
                    }
                }
                let deadline = stopping ? nil : engine.nextDeadline
                if deadline != timerDeadline {
                    timer?.cancel()
                    timerDeadline = deadline
                    timer = deadline.map { due in
                        Task {
                            let wait = due.duration(since: Timestamp.now())
                            if wait > .zero { try? await Task.sleep(for: wait) }
                            if !Task.isCancelled { continuation.yield(.tick) }
                        }
                    }
                }
            }
            persist()
        }
    }

    /// Ends the process group of a hook that was running when a previous agent died, if it is still that hook.
    private func endLeftoverHook(_ ruleState: AgentState.RuleState) {
        guard let group = ruleState.inFlightProcessGroup, group > 1, let program = ruleState.inFlightProgram else { return }
        // The group's leader may be gone while members remain; check every process's group and command line.
        guard case .success(let bytes) = WholeFile.read("/proc/\(group)/cmdline") else {
            kill(-group, SIGKILL)  // leader gone: end whatever is left in its group (nothing, if none)
            return
        }
        let commandLine = String(decoding: bytes, as: UTF8.self)
        if commandLine.contains(program) {
            logger.warning("ending the process group \(group) of a hook left running by a previous agent (\(program))")
            kill(-group, SIGKILL)
        }
    }
}

extension RuleEvent {
    /// What the rule engine needs of an engine event.
    public init(_ event: ReclaimEvent) {
        self.init(resource: event.resource, action: event.action, reclaimedBytes: event.reclaimedBytes,
                  time: event.time, json: event.json)
    }
}
