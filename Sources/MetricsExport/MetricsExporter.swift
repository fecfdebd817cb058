import AgentCore
import AgentRuntime
import Logging
import Rules

/// The agent's metrics as an `AgentObserver`: records what the driver feeds it (`AgentMetrics`), serves them on
/// `[metrics] listen` and writes them to `[metrics] textfile`. Made only when `[metrics]` has either.
public final class MetricsExporter: AgentObserver {
    public let metrics: AgentMetrics
    let endpoint: MetricsEndpoint?
    let textfile: MetricsTextfile?
    let logger: Logger
    /// Set when something changed since the textfile was last written; the writer task waits on it.
    private let changes = ChangeSignal()

    /// Binds the listen address (a failure is thrown: the agent does not start without the metrics it was
    /// asked for).
    public init(settings: MetricsSettings, logger: Logger) async throws {
        let metrics = AgentMetrics()
        self.metrics = metrics
        if let listen = settings.listen {
            let gate = ConnectionGate(
                listener: "metrics", limits: .metrics(maxConnections: settings.maxConnections),
                logger: logger
            ) { refusal in
                metrics.observe(.connectionRefused(listener: "metrics", reason: refusal.rawValue))
            }
            endpoint = try await MetricsEndpoint.bind(listen, gate: gate)
        } else {
            endpoint = nil
        }
        textfile = settings.textfile.map(MetricsTextfile.init)
        self.logger = logger
    }

    /// The port bound, for `listen` on TCP port 0 (tests).
    public var boundPort: Int? { endpoint?.socket.boundPort }

    public func observe(_ observation: AgentObservation) {
        metrics.observe(observation)
        changes.signal()
    }

    public func publish(_ snapshot: StatusSnapshot, journalFallbacks: Int) {
        metrics.publish(snapshot, journalFallbacks: journalFallbacks)
        changes.signal()
    }

    public func run() async {
        let metrics = self.metrics
        await withDiscardingTaskGroup { group in
            if let endpoint {
                group.addTask { await endpoint.serve { metrics.exposition() } }
            }
            if let textfile {
                group.addTask { await self.writeTextfile(textfile) }
            }
        }
    }

    /// Writes the textfile now, then whenever something changed, at most once per interval, and once more when
    /// cancelled.
    private func writeTextfile(_ textfile: MetricsTextfile) async {
        while !Task.isCancelled {
            write(textfile)
            try? await Task.sleep(for: MetricsSettings.textfileInterval)
            await changes.wait()
        }
        write(textfile)
    }

    private func write(_ textfile: MetricsTextfile) {
        do {
            try textfile.write(metrics.exposition())
        } catch {
            logger.error("cannot write the metrics textfile: \(error)")
        }
    }
}
