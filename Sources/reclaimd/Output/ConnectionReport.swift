import EngineAPI
import Formats
import Logging

/// Logs changes of the connection's state once each, not once per retry: the first failure is a warning,
/// the same failure again is debug, and getting back is one line.
struct ConnectionReport {
    let logger: Logger
    let endpoint: EngineEndpoint
    private var lastFailure: String?
    private var connections = 0

    init(logger: Logger, endpoint: EngineEndpoint) {
        self.logger = logger
        self.endpoint = endpoint
    }

    mutating func report(_ notification: EventSubscription.Notification) {
        switch notification {
        case .connected(let identity):
            connections += 1
            let what = "\(identity.serverProduct) at \(endpoint), API \(identity.negotiatedVersion)"
            if connections == 1 {
                logger.debug("connected to \(what)")
            } else {
                logger.info("reconnected to \(what)")
            }
            lastFailure = nil
        case .disconnected(let reason, let retryIn):
            let line = "\(reason); retrying in \(DurationText.format(retryIn))"
            if reason == lastFailure {
                logger.debug("\(line)")
            } else {
                logger.warning("\(line)")
            }
            lastFailure = reason
        }
    }
}
