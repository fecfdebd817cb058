import AgentCore
import EngineAdapter
import Formats
import Time
import Journal
import JournalFormat
import Logging
import Rules

/// `reclaimd run`: drives an `AgentLoop` with the real world. Reads both clocks for each input, performs the
/// loop's effects (journal, hooks, state file, timers, the source, sd_notify) and feeds back what happened.
///
/// One loop owns all state; the source, the hooks and the timers only send it inputs through one stream, so
/// nothing is shared between tasks.
public struct AgentDriver: Sendable {
    public var configuration: AgentConfiguration
    public var settings: AgentLoop.Settings
    public var source: any EventSource
    public var sink: JournalSink
    public var logger: Logger
    /// Where state.json lives; nil keeps no state.
    public var stateStore: StateStore?
    /// The clocks; tests of the driver may give their own.
    public var clock: @Sendable () -> ClockReading
    /// Serve `reclaimd status` on `STATE_DIR/status.sock` (with a state store).
    public var servesStatus = true
    /// The metrics, when `[metrics]` is on.
    public var observer: (any AgentObserver)?
    /// Where garbage collection finds the adapter of the engine the source connected to.
    public var engines: any EngineDirectory

    public init(
        configuration: AgentConfiguration, settings: AgentLoop.Settings, source: any EventSource,
        engines: any EngineDirectory, sink: JournalSink, logger: Logger, stateStore: StateStore?,
        clock: @escaping @Sendable () -> ClockReading = { .now() }
    ) {
        self.configuration = configuration
        self.settings = settings
        self.source = source
        self.engines = engines
        self.sink = sink
        self.logger = logger
        self.stateStore = stateStore
        self.clock = clock
    }

    /// Source events that may wait for the loop before the source stops reading (`InputMailbox`): a few network
    /// reads' worth, so the source reads ahead while the loop works, and what waits stays bounded.
    static let eventBacklogLimit = 4096

    /// Runs until a stop (`stopRequested` returned) has let running hooks finish or the grace ran out, or until
    /// the source fails for good (rethrown).
    ///
    /// - Parameters:
    ///   - reloadRequests: each element asks for a reload (SIGHUP).
    ///   - loadConfiguration: reads and validates the configuration again, for a reload.
    public func run(
        stopRequested: @escaping @Sendable () async -> Void,
        reloadRequests: AsyncStream<Void>? = nil,
        loadConfiguration: (@Sendable () -> Result<AgentConfiguration, ConfigurationErrors>)? = nil
    ) async throws {
        let loaded = try stateStore?.load() ?? .fresh
        let inputs = InputMailbox(eventLimit: Self.eventBacklogLimit)
        let effects = EffectPerformer(driver: self, inputs: inputs)
        defer {
            effects.cancelAll()
            inputs.finish()
        }
        effects.startFeeding(
            stopRequested: stopRequested, reloadRequests: reloadRequests, loadConfiguration: loadConfiguration)

        var loop = AgentLoop(configuration: configuration, settings: settings)
        effects.perform(loop.start(restoring: loaded, at: clock()))
        let observers = await startObservers()
        defer { observers.cancel() }
        observers.publish(loop.statusSnapshot(at: clock()), sink: sink)
        var backlog = BacklogReport(logger: logger)
        while !effects.isFinished {
            let batch = await inputs.next()
            for input in batch where !effects.isFinished {
                if case .flush = input { effects.flushArrived() }
                if case .timer = input { effects.timerArrived() }
                effects.perform(loop.handle(input, at: clock()))
            }
            // State to write: a flush within a second (none while idle).
            if loop.dirty { effects.armFlush() }
            // The batch's journal entries, written as one.
            sink.flushBuffered()
            observers.publish(loop.statusSnapshot(at: clock()), sink: sink)
            backlog.note(stalls: inputs.takeStalls(), limit: inputs.eventLimit)
        }
        await effects.endHooksAndWait()
        await observers.end()
        if let failure = effects.failure { throw failure.error }
    }
}
