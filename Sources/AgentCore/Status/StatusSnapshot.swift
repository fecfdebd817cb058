import Formats
import Time

/// What `reclaimd status` shows: the agent's state at one moment, built by the pure loop
/// (`AgentLoop.statusSnapshot(at:)`) and served as it is by the driver. Times are wall times.
public struct StatusSnapshot: Sendable, Equatable {
    /// The engine followed and the connection to it.
    public struct Engine: Sendable, Equatable {
        /// e.g. `Docker/20.10.24+dfsg1 (API 1.41)`, or what the agent is doing while it has none.
        public var description: String
        /// The engine's API address, once connected.
        public var host: String
        public var connected: Bool
        /// When the connection last changed (connected since, or disconnected since); nil before the first try.
        public var since: Timestamp?
        /// Connections after the first.
        public var reconnects: Int

        public init(description: String, host: String, connected: Bool, since: Timestamp?, reconnects: Int) {
            self.description = description
            self.host = host
            self.connected = connected
            self.since = since
            self.reconnects = reconnects
        }
    }

    /// A rule's pending batch and last run.
    public struct Rule: Sendable, Equatable {
        public var name: String
        public var pendingEvents: Int
        public var pendingBytes: UInt64
        /// When the armed batch falls due; nil when the batch has not reached the threshold (or a run is on).
        public var armedUntil: Timestamp?
        /// Whether its hook is running now.
        public var running: Bool
        public var lastRun: LastRun?

        public init(
            name: String, pendingEvents: Int, pendingBytes: UInt64, armedUntil: Timestamp?, running: Bool,
            lastRun: LastRun?
        ) {
            self.name = name
            self.pendingEvents = pendingEvents
            self.pendingBytes = pendingBytes
            self.armedUntil = armedUntil
            self.running = running
            self.lastRun = lastRun
        }
    }

    /// How a rule's last run ended.
    public struct LastRun: Sendable, Equatable {
        /// `success`, `failure`, `timeout`, or `dry run`.
        public var outcome: String
        public var endedAt: Timestamp
        public var duration: Duration

        public init(outcome: String, endedAt: Timestamp, duration: Duration) {
            self.outcome = outcome
            self.endedAt = endedAt
            self.duration = duration
        }
    }

    /// A garbage-collection policy: its next evaluation (nil while one runs), and its last since the agent started.
    public struct Policy: Sendable, Equatable {
        public var name: String
        public var nextEvaluation: Timestamp?
        public var evaluating: Bool
        public var lastEvaluation: LastEvaluation?

        public init(
            name: String, nextEvaluation: Timestamp?, evaluating: Bool = false, lastEvaluation: LastEvaluation? = nil
        ) {
            self.name = name
            self.nextEvaluation = nextEvaluation
            self.evaluating = evaluating
            self.lastEvaluation = lastEvaluation
        }
    }

    /// How a policy's last evaluation ended.
    public struct LastEvaluation: Sendable, Equatable {
        /// `success`, `failure` or `dry run`.
        public var outcome: String
        public var endedAt: Timestamp
        /// Objects removed, and removals the engine refused.
        public var removed: Int
        public var refused: Int
        /// Bytes freed, as measured (0 in a dry run).
        public var freed: UInt64

        public init(outcome: String, endedAt: Timestamp, removed: Int, refused: Int, freed: UInt64) {
            self.outcome = outcome
            self.endedAt = endedAt
            self.removed = removed
            self.refused = refused
            self.freed = freed
        }
    }

    /// When the agent started.
    public var startedAt: Timestamp
    /// When this snapshot was taken.
    public var takenAt: Timestamp
    public var engine: Engine
    /// The time of the last event handled (the engine's own stamp); nil before the first.
    public var lastEventTime: Timestamp?
    /// Events handled since start.
    public var eventsSeen: Int
    /// Reclaimed bytes reported by prune events since start, saturating at 2^64-1.
    public var bytesSeen: UInt64
    public var rules: [Rule]
    public var policies: [Policy]

    public init(
        startedAt: Timestamp, takenAt: Timestamp, engine: Engine, lastEventTime: Timestamp?, eventsSeen: Int,
        bytesSeen: UInt64, rules: [Rule], policies: [Policy]
    ) {
        self.startedAt = startedAt
        self.takenAt = takenAt
        self.engine = engine
        self.lastEventTime = lastEventTime
        self.eventsSeen = eventsSeen
        self.bytesSeen = bytesSeen
        self.rules = rules
        self.policies = policies
    }
}
