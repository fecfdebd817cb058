import ServiceLifecycle

/// The agent as a swift-service-lifecycle `Service`: the `ServiceGroup` owns signals, and its graceful shutdown
/// is the agent's stop (stop taking events, let hooks finish within the grace, persist, return).
public struct AgentService: Service {
    public let runtime: AgentRuntime

    public init(runtime: AgentRuntime) {
        self.runtime = runtime
    }

    public func run() async throws {
        try await runtime.run(stopRequested: {
            // Returns when the group starts its graceful shutdown (or this task is cancelled).
            try? await gracefulShutdown()
        })
    }
}
