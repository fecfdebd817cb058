import AgentCore
import Formats
import Time
import Logging

/// Journals that the agent loop fell behind its source: the source stopped reading because `InputMailbox` held
/// its limit of events. At most one warning per `interval`, with the count since the last one, so a long burst
/// says so without flooding the journal.
struct BacklogReport {
    static let interval = Duration.seconds(10)
    let logger: Logger
    private var lastReport: MonotonicTime?
    private var unreported = 0

    init(logger: Logger) {
        self.logger = logger
    }

    mutating func note(stalls: Int, limit: Int) {
        unreported += stalls
        guard unreported > 0 else { return }
        let now = MonotonicTime.now()
        if let last = lastReport, now < last.advanced(by: Self.interval) { return }
        logger.warning(
            """
            the agent is behind the engine's event stream: reading paused \(unreported) times with \(limit) events \
            waiting; the engine may drop events for a reader that pauses (Docker: after 100 ms)
            """, metadata: ["reading_paused": "\(unreported)", "events_waiting_limit": "\(limit)"])
        unreported = 0
        lastReport = now
    }
}
