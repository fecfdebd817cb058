import Rules
import ServiceLifecycle
import UnixSignals

/// The agent as a swift-service-lifecycle `Service`: the `ServiceGroup` owns SIGTERM and SIGINT, and its graceful
/// shutdown is the agent's stop (stop taking events, let hooks finish within the grace, persist, return).
/// SIGHUP asks for a reload.
public struct AgentService: Service {
    public let runtime: AgentRuntime
    /// Reads and validates the configuration again, for SIGHUP.
    public let loadConfiguration: @Sendable () -> Result<AgentConfiguration, ConfigurationErrors>

    public init(runtime: AgentRuntime, loadConfiguration: @escaping @Sendable () -> Result<AgentConfiguration, ConfigurationErrors>) {
        self.runtime = runtime
        self.loadConfiguration = loadConfiguration
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let (reloads, requests) = AsyncStream.makeStream(of: Void.self)
        let forwarder = Task {
            for await _ in hangups { requests.yield() }
        }
        defer { forwarder.cancel() }
        try await runtime.run(
            stopRequested: {
                // Returns when the group starts its graceful shutdown (or this task is cancelled).
                try? await gracefulShutdown()
            },
            reloadRequests: reloads,
            loadConfiguration: loadConfiguration)
    }
}
