import EngineAPI
import Formats
import Journal
import Logging

/// Logs changes of the connection's state once each, not once per retry: the first failure is a warning,
/// the same failure again is debug, and getting back is one line.
public struct ConnectionReport: Sendable {
    let logger: Logger
    let endpoint: EngineEndpoint
    /// The level of the first "connected" line: info for the agent, whose journal should say which engine it
    /// follows; debug for `events`, whose terminal should show events only.
    let firstConnectionLevel: Logger.Level
    private var lastFailure: String?
    private var connections = 0

    public init(logger: Logger, endpoint: EngineEndpoint, firstConnectionLevel: Logger.Level = .debug) {
        self.logger = logger
        self.endpoint = endpoint
        self.firstConnectionLevel = firstConnectionLevel
    }

    public mutating func report(_ notification: EventSubscription.Notification) {
        switch notification {
        case .connected(let identity):
            connections += 1
            let what = "\(identity.serverProduct) at \(endpoint), API \(identity.negotiatedVersion)"
            let metadata: Logger.Metadata = [
                JournalLogHandler.messageIDKey: "\(MessageID.engineConnected.hex)",
                "engine": "\(identity.kind.rawValue)", "engine_host": "\(endpoint)",
                "engine_server": "\(identity.server)", "api_version": "\(identity.negotiatedVersion)",
            ]
            if connections == 1 {
                logger.log(level: firstConnectionLevel, "connected to \(what)", metadata: metadata)
            } else {
                logger.info("reconnected to \(what)", metadata: metadata)
            }
            lastFailure = nil
        case .possibleGap(let after, let before):
            logger.warning("events between \(after) and \(before) may have been missed: the engine no longer held them when reclaimd reconnected", metadata: [
                JournalLogHandler.messageIDKey: "\(MessageID.eventsMayBeMissed.hex)", "engine_host": "\(endpoint)",
                "window_start": "\(after)", "window_end": "\(before)",
            ])
        case .disconnected(let reason, let retryIn):
            let line = "\(reason); retrying in \(DurationText.format(retryIn))"
            let metadata: Logger.Metadata = [
                JournalLogHandler.messageIDKey: "\(MessageID.engineLost.hex)", "engine_host": "\(endpoint)",
            ]
            if reason == lastFailure {
                logger.debug("\(line)", metadata: metadata)
            } else {
                logger.warning("\(line)", metadata: metadata)
            }
            lastFailure = reason
        }
    }
}
