import Formats
import Time
import JournalFormat
import Logging

/// Logs changes of an engine connection's state once each, not once per retry: the first failure is a warning,
/// the same failure again is debug, and getting back is one line. Every adapter reports through it, so the
/// journal says the same of every engine.
public struct ConnectionReport: Sendable {
    /// What an adapter says of a connection it made.
    public struct Facts: Sendable {
        /// `docker`, `podman`, `containerd`.
        public var engine: String
        /// For people, e.g. `Docker/20.10.24+dfsg1, API 1.41`.
        public var summary: String
        /// Further journal fields (names in `JournalField`'s style: lowercase, `_`).
        public var details: [String: String]

        public init(engine: String, summary: String, details: [String: String] = [:]) {
            self.engine = engine
            self.summary = summary
            self.details = details
        }
    }

    let logger: Logger
    let host: String
    /// The level of the first "connected" line: info for the agent, whose journal should say which engine it
    /// follows; debug for `events`, whose terminal should show events only.
    let firstConnectionLevel: Logger.Level
    private var lastFailure: String?
    private var connections = 0

    public init(logger: Logger, host: String, firstConnectionLevel: Logger.Level = .debug) {
        self.logger = logger
        self.host = host
        self.firstConnectionLevel = firstConnectionLevel
    }

    public mutating func connected(_ facts: Facts) {
        connections += 1
        let what = "\(facts.summary) at \(host)"
        var metadata: Logger.Metadata = [
            JournalField.messageIDMetadataKey: "\(MessageID.engineConnected.hex)",
            JournalField.engine.key: "\(facts.engine)", JournalField.engineHost.key: "\(host)",
        ]
        for (name, value) in facts.details { metadata[name] = "\(value)" }
        if connections == 1 {
            logger.log(level: firstConnectionLevel, "connected to \(what)", metadata: metadata)
        } else {
            logger.info("reconnected to \(what)", metadata: metadata)
        }
        lastFailure = nil
    }

    /// Events between the two times may be lost: the engine no longer held them, or keeps no backlog at all
    /// (`coverage` says what covers the gap then).
    public func possibleGap(after: Timestamp, before: Timestamp, reason: String? = nil) {
        let why = reason ?? "the engine no longer held them when reclaimd reconnected"
        logger.warning(
            "events between \(after) and \(before) may have been missed: \(why)",
            metadata: [
                JournalField.messageIDMetadataKey: "\(MessageID.eventsMayBeMissed.hex)",
                JournalField.engineHost.key: "\(host)",
                JournalField.windowStart.key: "\(after)", JournalField.windowEnd.key: "\(before)",
            ])
    }

    public mutating func disconnected(reason: String, retryIn: Duration) {
        let line = "\(reason); retrying in \(DurationText.format(retryIn))"
        let metadata: Logger.Metadata = [
            JournalField.messageIDMetadataKey: "\(MessageID.engineLost.hex)", JournalField.engineHost.key: "\(host)",
        ]
        if reason == lastFailure {
            logger.debug("\(line)", metadata: metadata)
        } else {
            logger.warning("\(line)", metadata: metadata)
        }
        lastFailure = reason
    }
}
