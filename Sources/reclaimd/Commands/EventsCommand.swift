import Agent
import ArgumentParser
import EngineAPI
import Formats
import Journal
import Logging
import UnixSignals

/// `reclaimd events`: the engine's prune events, as they happen or from a window of time.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the engine's space-freeing events: prunes and removals.",
        discussion: """
            Streams until interrupted, reconnecting when the engine restarts, without printing an event twice. \
            With --until, exits once the engine closes the stream at that time.
            """
    )

    @OptionGroup var engine: EngineOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: ArgumentHelp("Replay events from this time. \(TimeArgument.formsHelp).", valueName: "time"))
    var since: TimeArgument?

    @Option(help: ArgumentHelp("Stop at this time. \(TimeArgument.formsHelp).", valueName: "time"))
    var until: TimeArgument?

    @Flag(help: "Print every event, not only prunes and removals.")
    var all = false

    @Flag(help: "One JSON object per line.")
    var json = false

    @Flag(help: "Also record each event as a journal entry (through --log-target), for auditing with journalctl.")
    var journal = false

    func run() async throws {
        let endpoint = try engine.endpoint()
        let now = Timestamp.now()
        let query = EventQuery(
            since: since?.resolve(now: now),
            until: until?.resolve(now: now),
            filters: all ? [:] : EventQuery.spaceFreeingFilter
        )
        if let since = query.since, let until = query.until, until < since {
            throw ValidationError("--until (\(until)) is before --since (\(since))")
        }
        let sink = logging.bootstrap()
        defer {
            Console.output.flush()
            sink.flush()
        }
        let logger = Logger(label: "reclaimd")
        let subscription = EventSubscription(
            client: EngineClient(endpoint: endpoint),
            query: query,
            policy: .afterFirstConnection,
            logger: logger
        )
        let printJSON = json
        let printAll = all
        let recordInJournal = journal
        try await CommandFailure.reporting {
            try await Interruption.runUntilSignalled {
                var connection = ConnectionReport(logger: logger, endpoint: endpoint)
                try await subscription.run(onNotification: { connection.report($0) }, onEvent: { event in
                    // Server-side filters narrow the stream; this keeps the promise if an engine ignores them.
                    guard printAll || event.freesSpace else { return }
                    if printJSON {
                        Console.output.appendLine { event.appendJSON(to: &$0) }
                    } else {
                        Console.output.writeLine(EventLineFormatter.humanLine(event), buffered: true)
                    }
                    if recordInJournal { sink.write(EventAuditEntry.entry(for: event), buffered: true) }
                }, onReadEnd: {
                    // Each read's events in one write: a consumer still sees them as they arrive.
                    Console.output.flush()
                    sink.flushBuffered()
                })
            }
        }
    }
}
