import AgentCore
import EngineAdapter
import Formats
import Time
import Hooks
import Journal
import JournalFormat
import Logging
import Rules
import Systemd

/// Performs an `AgentLoop`'s effects for `AgentDriver`, and owns the tasks that feed the loop: the source, the
/// timers, the hooks, the signals. Used by the driver's one task only; the tasks it starts share nothing with
/// it but the input stream.
final class EffectPerformer {
    let driver: AgentDriver
    let inputs: InputMailbox
    private var sourceTask: Task<Void, Never>?
    private var timer: Task<Void, Never>?
    /// When `timer` goes off.
    private var timerDue: MonotonicTime?
    private var graceTimer: Task<Void, Never>?
    private var flushTimer: Task<Void, Never>?
    var hooks: [String: Task<Void, Never>] = [:]
    /// Policy evaluations in progress, by policy.
    var policyTasks: [String: Task<Void, Never>] = [:]
    private var feeders: [Task<Void, Never>] = []
    private(set) var isFinished = false
    private(set) var failure: SourceFailure?

    init(driver: AgentDriver, inputs: InputMailbox) {
        self.driver = driver
        self.inputs = inputs
    }

    /// Starts the tasks that turn signals and clocks into inputs: stop, reload, the watchdog. (The state flush is
    /// `armFlush`'s: a timer only while there is something to write, so an idle agent does not wake up for it.)
    func startFeeding(
        stopRequested: @escaping @Sendable () async -> Void, reloadRequests: AsyncStream<Void>?,
        loadConfiguration: (@Sendable () -> Result<AgentConfiguration, ConfigurationErrors>)?
    ) {
        let inputs = self.inputs
        feeders.append(
            Task {
                await stopRequested()
                inputs.yield(.stop)
            })
        if let reloadRequests, let loadConfiguration {
            feeders.append(
                Task {
                    for await _ in reloadRequests { inputs.yield(.reload(loadConfiguration())) }
                })
        }
        // Watchdog pings come from the loop, so the manager hears them only while the loop really runs.
        if let interval = ServiceNotifier.watchdogInterval {
            feeders.append(Self.every(interval) { inputs.yield(.watchdogTick) })
        }
    }

    /// Sends `.flush` in a second, unless one is already due: called while the loop has state to write.
    func armFlush() {
        guard flushTimer == nil else { return }
        let inputs = self.inputs
        flushTimer = Task {
            try? await Task.sleep(for: .seconds(1))
            if !Task.isCancelled { inputs.yield(.flush) }
        }
    }

    /// The `.flush` sent by `armFlush` arrived: the next change arms a new one.
    func flushArrived() {
        flushTimer = nil
    }

    func perform(_ effects: [AgentEffect]) {
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: AgentEffect) {
        switch effect {
        case .journal(let entry):
            driver.sink.write(entry, buffered: true)  // the driver flushes after each batch of inputs
        case .log(let level, let message, let metadata):
            driver.logger.log(level: level, "\(message)", metadata: metadata)
        case .notify(let notification):
            ServiceNotifier.notify(Self.assignments(notification))
        case .follow(let generation, let request):
            follow(generation: generation, request)
        case .stopFollowing:
            sourceTask?.cancel()
        case .startHook(let launch):
            startHook(launch)
        case .evaluatePolicy(let run):
            evaluatePolicy(run)
        case .endLeftoverHook(let record):
            ProcessInspection.endLeftover(record, logger: driver.logger)
        case .setTimer(let deadline):
            setTimer(deadline)
        case .setGraceTimer(let grace):
            let inputs = self.inputs
            graceTimer = Task {
                try? await Task.sleep(for: grace)
                if !Task.isCancelled { inputs.yield(.graceExpired) }
            }
        case .endHooks:
            for hook in hooks.values { hook.cancel() }
        case .persist(let state):
            persist(state)
        case .observe(let observation):
            driver.observer?.observe(observation)
        case .finish(let failure):
            isFinished = true
            self.failure = failure
        }
    }

    private func follow(generation: Int, _ request: FollowRequest) {
        sourceTask?.cancel()
        let source = driver.source
        let inputs = self.inputs
        sourceTask = Task {
            do {
                try await source.follow(request) { await inputs.send(.source(generation: generation, $0)) }
                inputs.yield(.sourceEnded(generation: generation, failure: nil))
            } catch is CancellationError {
                inputs.yield(.sourceEnded(generation: generation, failure: nil))
            } catch {
                inputs.yield(.sourceEnded(generation: generation, failure: SourceFailure(error)))
            }
        }
    }

    /// Sets the rules' timer. A timer already due at or before `deadline` is kept: it goes off early and the loop,
    /// finding nothing due, sets it again. Why: with `quiet`, every matching event moves the deadline, and a new
    /// task per event cost more than the rest of the event's handling.
    private func setTimer(_ deadline: MonotonicTime?) {
        guard let deadline else {
            timer?.cancel()
            timer = nil
            timerDue = nil
            return
        }
        if let due = timerDue, due <= deadline, let timer, !timer.isCancelled { return }
        timer?.cancel()
        timerDue = deadline
        let inputs = self.inputs
        timer = Task {
            let wait = deadline.duration(since: MonotonicTime.now())
            if wait > .zero { try? await Task.sleep(for: wait) }
            if !Task.isCancelled { inputs.yield(.timer) }
        }
    }

    /// The rules' timer went off: the loop sets the next one.
    func timerArrived() {
        timer = nil
        timerDue = nil
    }

    private func persist(_ state: AgentState) {
        guard let store = driver.stateStore else { return }
        do {
            try store.save(state)
        } catch {
            driver.logger.error("\(error)")
        }
    }

    /// Cancels the feeders and timers, and every hook still running (a stop already waited for them), then waits
    /// for the hooks' process groups to be gone.
    func endHooksAndWait() async {
        cancelAll()
        for hook in hooks.values { await hook.value }
    }

    func cancelAll() {
        sourceTask?.cancel()
        timer?.cancel()
        graceTimer?.cancel()
        flushTimer?.cancel()
        for task in feeders + Array(hooks.values) + Array(policyTasks.values) { task.cancel() }
    }

    private static func every(_ interval: Duration, _ tick: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                tick()
            }
        }
    }

    static func assignments(_ notification: ServiceNotification) -> String {
        switch notification {
        case .ready(let status): return "READY=1\nSTATUS=\(status)"
        case .status(let status): return "STATUS=\(status)"
        case .reloading: return "RELOADING=1\nMONOTONIC_USEC=\(ServiceNotifier.monotonicMicroseconds)"
        case .stopping(let status): return "STOPPING=1\nSTATUS=\(status)"
        case .watchdog: return "WATCHDOG=1"
        }
    }
}
