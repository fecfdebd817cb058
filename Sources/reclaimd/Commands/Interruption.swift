import UnixSignals

/// Runs work until it ends or SIGINT/SIGTERM arrives; a signal is a normal end (exit 0), not a failure.
enum Interruption {
    static func runUntilSignalled(_ work: @escaping @Sendable () async throws -> Void) async throws {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await work() }
            group.addTask {
                for await _ in signals { return }
            }
            // Whichever ends first ends both.
            defer { group.cancelAll() }
            do {
                try await group.next()
            } catch is CancellationError {
                return
            }
        }
    }
}
