import AgentCore
import Rules
import ServiceLifecycle
import UnixSignals

/// The agent as a swift-service-lifecycle `Service`: the `ServiceGroup` owns SIGTERM and SIGINT, and its graceful
/// shutdown is the agent's stop (stop taking events, let hooks finish within the grace, persist, return).
/// SIGHUP asks for a reload, also one that came before the agent listened (`HangupLatch`).
public struct AgentService: Service {
    public let driver: AgentDriver
    /// Reads and validates the configuration again, for SIGHUP.
    public let loadConfiguration: @Sendable () -> Result<AgentConfiguration, ConfigurationErrors>

    public init(
        driver: AgentDriver,
        loadConfiguration: @escaping @Sendable () -> Result<AgentConfiguration, ConfigurationErrors>
    ) {
        self.driver = driver
        self.loadConfiguration = loadConfiguration
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let (reloads, requests) = AsyncStream.makeStream(of: Void.self)
        // Listening now: a SIGHUP from before is a reload to do.
        if HangupLatch.take() { requests.yield() }
        let forwarder = Task {
            for await _ in hangups { requests.yield() }
        }
        defer { forwarder.cancel() }
        try await driver.run(
            stopRequested: {
                // Returns when the group starts its graceful shutdown (or this task is cancelled).
                try? await gracefulShutdown()
            },
            reloadRequests: reloads,
            loadConfiguration: loadConfiguration)
    }
}
