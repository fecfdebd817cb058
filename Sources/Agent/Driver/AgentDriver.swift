import Formats
import Journal
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

    public init(configuration: AgentConfiguration, settings: AgentLoop.Settings, source: any EventSource,
                sink: JournalSink, logger: Logger, stateStore: StateStore?,
                clock: @escaping @Sendable () -> ClockReading = { .now() }) {
        self.configuration = configuration
        self.settings = settings
        self.source = source
        self.sink = sink
        self.logger = logger
        self.stateStore = stateStore
        self.clock = clock
    }

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
        let (inputs, continuation) = AsyncStream.makeStream(of: AgentInput.self)
        let effects = EffectPerformer(driver: self, inputs: continuation)
        defer { effects.cancelAll() }
        effects.startFeeding(stopRequested: stopRequested, reloadRequests: reloadRequests, loadConfiguration: loadConfiguration)

        var loop = AgentLoop(configuration: configuration, settings: settings)
        effects.perform(loop.start(restoring: loaded, at: clock()))
        var iterator = inputs.makeAsyncIterator()
        while !effects.isFinished, let input = await iterator.next() {
            effects.perform(loop.handle(input, at: clock()))
        }
        await effects.endHooksAndWait()
        if let failure = effects.failure { throw failure.error }
    }
}
