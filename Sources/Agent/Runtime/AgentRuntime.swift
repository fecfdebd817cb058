import EngineAPI
import Formats
import Hooks
import Journal
import Logging
import Rules

/// `reclaimd run`: follows the engine's events, journals each, feeds the rule engine on the wall clock and starts
/// the hooks it decides on.
///
/// One loop owns the rule engine; the event subscription, the hook runs and a deadline timer send it inputs
/// through one stream, so no state is shared between tasks.
public struct AgentRuntime: Sendable {
    public var configuration: AgentConfiguration
    public var endpoint: EngineEndpoint
    public var dryRun: Bool
    public var sink: JournalSink
    public var logger: Logger
    /// The agent's LANG, passed on to hooks.
    public var lang: String?

    public init(configuration: AgentConfiguration, endpoint: EngineEndpoint, dryRun: Bool, sink: JournalSink,
                logger: Logger, lang: String?) {
        self.configuration = configuration
        self.endpoint = endpoint
        self.dryRun = dryRun
        self.sink = sink
        self.logger = logger
        self.lang = lang
    }

    private enum Input: Sendable {
        case connected(EngineIdentity, EngineInfo?)
        case event(ReclaimEvent)
        case finished(rule: String)
        case tick
        case subscriptionEnded((any Error)?)
    }

    /// Runs until cancelled (a signal) or until the subscription fails for good.
    public func run() async throws {
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self)
        let client = EngineClient(endpoint: endpoint)
        // With no rules the agent still audits prune events.
        let filters = configuration.rules.isEmpty ? EventQuery.pruneFilter : configuration.eventFilter
        let subscription = EventSubscription(client: client, query: EventQuery(filters: filters), policy: .always, logger: logger)
        let rulesByName = Dictionary(configuration.rules.map { ($0.name, $0) }) { first, _ in first }
        var engine = RuleEngine(rules: configuration.rules)
        var context = HookEnvironment.EngineContext(kind: EngineKind.docker.rawValue, host: endpoint.description, dataRoot: "")
        var timer: Task<Void, Never>?
        var timerDeadline: Timestamp?
        let logger = self.logger
        let endpoint = self.endpoint

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var report = ConnectionReport(logger: logger, endpoint: endpoint)
                do {
                    try await subscription.run(onNotification: { notification in
                        report.report(notification)
                        if case .connected(let identity) = notification {
                            continuation.yield(.connected(identity, try? await client.info(identity)))
                        }
                    }, onEvent: { continuation.yield(.event($0)) })
                    continuation.yield(.subscriptionEnded(nil))
                } catch {
                    continuation.yield(.subscriptionEnded(error))
                }
            }
            defer {
                timer?.cancel()
                group.cancelAll()
            }
            for await input in inputs {
                let now = Timestamp.now()
                var decisions: [Decision] = []
                switch input {
                case .connected(let identity, let info):
                    context.kind = identity.kind.rawValue
                    context.dataRoot = info?.dockerRootDir ?? context.dataRoot
                case .event(let event):
                    sink.write(EventAuditEntry.entry(for: event))
                    decisions = engine.handle(RuleEvent(event), at: now)
                case .finished(let rule):
                    decisions = engine.runFinished(rule: rule, at: now)
                case .tick:
                    decisions = engine.advance(to: now)
                    // A timer that woke a little early must be armed again for the same deadline.
                    timerDeadline = nil
                case .subscriptionEnded(let error):
                    if let error { throw error }
                    return
                }
                for decision in decisions {
                    guard let rule = rulesByName[decision.rule] else { continue }
                    let invocation = HookInvocation(
                        argv: rule.hook,
                        environment: HookEnvironment.build(rule: rule, decision: decision, engine: context, lang: lang),
                        stdin: Array(decision.batch.json.utf8),
                        timeout: rule.timeout)
                    let runID = "\(rule.name)-\(now.nanoseconds)"
                    sink.write(RunJournal.started(decision, runID: runID, dryRun: dryRun))
                    if dryRun {
                        continuation.yield(.finished(rule: rule.name))
                        continue
                    }
                    let sink = self.sink
                    group.addTask {
                        do {
                            let result = try await HookRunner.run(invocation) { stream, line in
                                sink.write(RunJournal.output(rule: decision.rule, runID: runID, stream: stream, line: line))
                            }
                            if result.droppedOutputBytes > 0 {
                                sink.write(RunJournal.dropped(rule: decision.rule, runID: runID, bytes: result.droppedOutputBytes))
                            }
                            sink.write(RunJournal.finished(decision, runID: runID, result: result))
                        } catch is CancellationError {
                            // Shutdown: the teardown ended the hook's process group.
                        } catch {
                            sink.write(RunJournal.failedToStart(decision, runID: runID, error: error))
                        }
                        continuation.yield(.finished(rule: decision.rule))
                    }
                }
                let deadline = engine.nextDeadline
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
