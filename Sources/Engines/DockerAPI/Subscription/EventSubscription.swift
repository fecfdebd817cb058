import EngineAdapter
import EventModel
import Formats
import Time
import Logging

/// Follows the engine's event stream across engine restarts: reconnects with backoff, resumes from the last
/// event's time and never delivers an event twice.
public struct EventSubscription: Sendable {
    /// When to reconnect instead of failing.
    public enum ReconnectPolicy: Sendable {
        /// Any failure ends the subscription.
        case never
        /// Fail if the first connection fails (a wrong host should say so at once); reconnect after that.
        case afterFirstConnection
        /// Keep trying from the start (a daemon that starts before its engine).
        case always
    }

    /// What the subscriber is told.
    public enum Notification: Sendable {
        /// Connected (or reconnected) and the engine accepted the request.
        case connected(EngineIdentity)
        /// The connection failed or ended; the next attempt follows after `retryIn`.
        case disconnected(reason: String, retryIn: Duration)
        /// Events between these times may have been missed: `since` is inclusive, so a full replay starts with the
        /// event at the cursor itself, and this one started later (the engine's backlog overflowed or was lost in
        /// a restart).
        case possibleGap(after: Timestamp, before: Timestamp)
    }

    public let client: EngineClient
    public let query: EventQuery
    public let policy: ReconnectPolicy
    public let logger: Logger
    /// Where a previous run stopped: the stream resumes there and drops what was handled at that nanosecond.
    public let resumePoint: (time: Timestamp, keys: [EventKey])?
    private let now: @Sendable () -> Timestamp

    public init(
        client: EngineClient, query: EventQuery, policy: ReconnectPolicy, logger: Logger,
        resumePoint: (time: Timestamp, keys: [EventKey])? = nil,
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.client = client
        self.query = query
        self.policy = policy
        self.logger = logger
        self.resumePoint = resumePoint
        self.now = now
    }

    /// Runs until the engine ends the stream at `until`, a failure the policy does not retry, or cancellation.
    /// `onReadEnd` follows the events of each network read: where a consumer flushes what it buffered.
    public func run(
        onNotification: (Notification) async throws -> Void = { _ in },
        onEvent: (ReclaimEvent) async throws -> Void,
        onReadEnd: () async throws -> Void = {}
    ) async throws {
        var deduplicator = EventDeduplicator(cursor: resumePoint?.time, keysAtCursor: resumePoint?.keys ?? [])
        var backoff = Backoff()
        var hasConnected = false
        // Without an explicit `since`, a reconnect before the first event resumes from when we first connected.
        var resumeFrom = query.since
        while true {
            try Task.checkCancellation()
            var attempt = query
            attempt.since = deduplicator.cursor ?? resumeFrom
            deduplicator.beginReplay()
            let replayFloor = deduplicator.cursor
            var awaitingFirstEvent = replayFloor != nil
            let failure: String
            do {
                let identity = try await client.ping()
                let startedAt = now()
                try await client.streamEvents(
                    identity, attempt,
                    onOpen: {
                        if !hasConnected, resumeFrom == nil { resumeFrom = startedAt }
                        hasConnected = true
                        try await onNotification(.connected(identity))
                        // Only a connection the subscriber accepted counts: one it refuses keeps backing off.
                        backoff.reset()
                    },
                    onItem: { item in
                        switch item {
                        case .event(let event):
                            if awaitingFirstEvent, let floor = replayFloor {
                                awaitingFirstEvent = false
                                if event.time > floor {
                                    try await onNotification(.possibleGap(after: floor, before: event.time))
                                }
                            }
                            if deduplicator.admit(event) { try await onEvent(event) }
                        case .warning(let text):
                            logger.warning("\(text)")
                        }
                    }, onReadEnd: onReadEnd)
                // The engine ends the stream at `until`; before that, an ended stream means the engine went away.
                if let until = query.until, now() >= until { return }
                if policy == .never { return }
                failure = "the engine ended the event stream"
            } catch let error as EngineError {
                let retry =
                    error.isTransient && (policy == .always || (policy == .afterFirstConnection && hasConnected))
                guard retry else { throw error }
                failure = error.message
            }
            let delay = backoff.next()
            try await onNotification(.disconnected(reason: failure, retryIn: delay))
            try await Task.sleep(for: delay)
        }
    }
}
