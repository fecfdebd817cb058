import Logging
import NIOCore
import Synchronization

/// One listener's admission and refusals: how many connections are open, each refusal counted (`onRefusal`,
/// the metric) and journaled at most once a minute (`RefusalWindow`). Shared by the accept handler and each
/// connection's `ExchangeGuard`.
public final class ConnectionGate: Sendable {
    /// The listener's name in messages and the metric's `listener` label: `metrics`, `status`.
    public let listener: String
    public let limits: ConnectionLimits
    let logger: Logger
    let onRefusal: @Sendable (ConnectionRefusal) -> Void
    private let state: Mutex<State>

    private struct State {
        var book: AdmissionBook<ObjectIdentifier>
        /// The channels holding places, to close one whose place a newer client takes.
        var channels: [ObjectIdentifier: any Channel] = [:]
        var window = RefusalWindow()
    }

    public init(
        listener: String, limits: ConnectionLimits, logger: Logger,
        onRefusal: @escaping @Sendable (ConnectionRefusal) -> Void = { _ in }
    ) {
        self.listener = listener
        self.limits = limits
        self.logger = logger
        self.onRefusal = onRefusal
        state = Mutex(State(book: AdmissionBook(places: limits.maxConnections)))
    }

    /// Connections open now.
    public var open: Int { state.withLock { $0.book.count } }

    /// Takes a place for a new connection (maybe the place of the oldest one still sending its request, which
    /// is then closed), or refuses it when every place is being answered. Either is counted.
    func admit(_ channel: any Channel) -> Bool {
        let key = ObjectIdentifier(channel)
        let (admission, displaced) = state.withLock {
            state -> (AdmissionBook<ObjectIdentifier>.Admission, (any Channel)?) in
            let admission = state.book.admit(key)
            guard admission != .refused else { return (admission, nil) }
            state.channels[key] = channel
            guard case .admittedInPlaceOf(let old) = admission else { return (admission, nil) }
            return (admission, state.channels.removeValue(forKey: old))
        }
        switch admission {
        case .admitted:
            return true
        case .admittedInPlaceOf:
            displaced?.close(promise: nil)
            refuse(.displaced)
            return true
        case .refused:
            refuse(.tooMany)
            return false
        }
    }

    /// The connection sent its whole request.
    func completed(_ channel: any Channel) {
        state.withLock { $0.book.complete(ObjectIdentifier(channel)) }
    }

    /// A connection admitted earlier closed.
    func release(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        state.withLock { state in
            // A displaced connection's place is someone else's already.
            guard state.channels[key] != nil else { return }
            state.channels[key] = nil
            state.book.release(key)
        }
    }

    /// Counts a refusal, and journals the window's counts when a minute has passed since the last entry.
    func refuse(_ refusal: ConnectionRefusal) {
        onRefusal(refusal)
        let due = state.withLock { $0.window.record(refusal, at: .now) }
        guard let due else { return }
        logger.warning(
            "\(listener): refused or dropped clients (\(RefusalWindow.summary(due))) since the last such entry; at most \(limits.maxConnections) connections are served at once, each must send its request within \(limits.headerTimeout) and take its answer within \(limits.idleTimeout)",
            metadata: ["listener": "\(listener)"])
    }
}
