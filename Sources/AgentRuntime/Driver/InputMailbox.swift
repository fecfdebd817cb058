import AgentCore
import Synchronization

/// The inputs waiting for the agent loop: taken in batches, with a bound on the source's events.
///
/// Why not an `AsyncStream`: it hands the loop one input per `await`, and it buffers without limit, so a source
/// faster than the loop grew memory with every event. Here the loop takes everything waiting at once, and a
/// source that is `eventLimit` events ahead waits in `send` until the loop has taken them. Its reader then stops
/// reading the socket (NIO reads only on demand), which is honest backpressure: nothing is dropped here, and each
/// time the source had to wait is counted (`takeStalls`) for the driver to journal, since an engine may drop
/// events for a reader that stops (Docker: after 100 ms).
final class InputMailbox: Sendable {
    fileprivate struct State {
        var inputs: [AgentInput] = []
        /// Source reports among `inputs`.
        var events = 0
        var consumer: CheckedContinuation<[AgentInput], Never>?
        /// Sources waiting for room, by ticket.
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextTicket = 0
        var stalls = 0
        var isFinished = false
    }

    /// How many source reports may wait for the loop before the source waits too.
    let eventLimit: Int
    private let state = Mutex(State())

    init(eventLimit: Int) {
        self.eventLimit = eventLimit
    }

    /// Adds an input that must not wait (a signal, a timer, a hook's end): never refused, not counted in the bound.
    func yield(_ input: AgentInput) {
        let consumer = state.withLock { state -> CheckedContinuation<[AgentInput], Never>? in
            guard !state.isFinished else { return nil }
            state.inputs.append(input)
            return state.takeBatchForConsumer()
        }
        consumer?.resume(returning: [input])
    }

    /// Adds a source report; returns once the loop is fewer than `eventLimit` reports behind (or on cancellation,
    /// or when the mailbox is finished).
    func send(_ input: AgentInput) async {
        let (consumer, mustWait) = state.withLock { state -> (CheckedContinuation<[AgentInput], Never>?, Bool) in
            guard !state.isFinished else { return (nil, false) }
            state.inputs.append(input)
            state.events += 1
            let consumer = state.takeBatchForConsumer()
            let mustWait = state.events >= eventLimit
            if mustWait { state.stalls += 1 }
            return (consumer, mustWait)
        }
        consumer?.resume(returning: [input])
        if mustWait { await waitForRoom() }
    }

    /// Every input waiting, in order; suspends while there is none. Empty once finished.
    func next() async -> [AgentInput] {
        await withCheckedContinuation { continuation in
            let (batch, sources) = state.withLock { state -> ([AgentInput]?, [CheckedContinuation<Void, Never>]) in
                guard state.inputs.isEmpty else {
                    defer { state.inputs = [] }
                    state.events = 0
                    return (state.inputs, state.takeWaiting())
                }
                guard !state.isFinished else { return ([], []) }
                state.consumer = continuation
                return (nil, [])
            }
            for source in sources { source.resume() }
            if let batch { continuation.resume(returning: batch) }
        }
    }

    /// How many times a source had to wait since the last call.
    func takeStalls() -> Int {
        state.withLock { state in
            defer { state.stalls = 0 }
            return state.stalls
        }
    }

    /// Ends the mailbox: waiting sources go on, later inputs are dropped, `next` returns what is left, then empty.
    func finish() {
        let (consumer, sources) = state.withLock { state in
            state.isFinished = true
            let consumer = state.inputs.isEmpty ? state.consumer : nil
            if consumer != nil { state.consumer = nil }
            return (consumer, state.takeWaiting())
        }
        consumer?.resume(returning: [])
        for source in sources { source.resume() }
    }

    private func waitForRoom() async {
        let ticket = state.withLock { state in
            defer { state.nextTicket += 1 }
            return state.nextTicket
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.events < eventLimit || state.isFinished || Task.isCancelled { return true }
                    state.waiting[ticket] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: ticket) }?.resume()
        }
    }
}

extension InputMailbox.State {
    /// The waiting consumer, when it is to be handed the one input just added (the rest then goes with it).
    fileprivate mutating func takeBatchForConsumer() -> CheckedContinuation<[AgentInput], Never>? {
        guard let consumer else { return nil }
        self.consumer = nil
        inputs = []
        events = 0
        return consumer
    }

    fileprivate mutating func takeWaiting() -> [CheckedContinuation<Void, Never>] {
        defer { waiting = [:] }
        return Array(waiting.values)
    }
}
