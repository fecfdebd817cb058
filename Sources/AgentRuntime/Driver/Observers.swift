import AgentCore
import Journal
import JournalFormat

/// What the driver runs beside the loop to show its state: the status socket and the metrics observer. Each
/// gets the loop's status after every batch of inputs; neither sends the loop anything.
struct Observers {
    let board: StatusBoard?
    let observer: (any AgentObserver)?
    let tasks: [Task<Void, Never>]

    /// The status after a batch of inputs, to every observer.
    func publish(_ snapshot: @autoclosure () -> StatusSnapshot, sink: JournalSink) {
        guard board != nil || observer != nil else { return }
        let snapshot = snapshot()
        board?.publish(snapshot)
        observer?.publish(snapshot, journalFallbacks: sink.statistics.fellBackToStderr)
    }

    func cancel() {
        for task in tasks { task.cancel() }
    }

    /// Stops serving and waits until the status socket is removed and the metrics are written a last time.
    func end() async {
        cancel()
        for task in tasks { await task.value }
    }
}

extension AgentDriver {
    /// Binds the status socket (a failure is logged: the agent's work goes on without it) and starts serving it
    /// and the metrics.
    func startObservers() async -> Observers {
        var tasks: [Task<Void, Never>] = []
        var board: StatusBoard?
        if servesStatus, let stateStore {
            let created = StatusBoard()
            do {
                let observer = self.observer
                let gate = ConnectionGate(listener: "status", limits: .status, logger: logger) { refusal in
                    observer?.observe(.connectionRefused(listener: "status", reason: refusal.rawValue))
                }
                let server = try await StatusServer.bind(directory: stateStore.directory, board: created, gate: gate)
                tasks.append(Task { await server.serve() })
                board = created
            } catch {
                logger.error(
                    "cannot serve reclaimd status on \(stateStore.directory)/\(StatusServer.fileName): \(error)")
            }
        }
        if let observer {
            tasks.append(Task { await observer.run() })
        }
        return Observers(board: board, observer: observer, tasks: tasks)
    }
}
