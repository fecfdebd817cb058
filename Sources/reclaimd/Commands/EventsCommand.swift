import AgentCore
import AgentRuntime
import ArgumentParser
import EngineAdapter
import EngineRegistry
import FilesystemSource
import EventModel
import Formats
import Time
import Journal
import JournalFormat
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

    @Option(
        help: ArgumentHelp("Replay events from this time. \(TimeText.acceptedForms).", valueName: "time"),
        transform: TimeArgument.parse)
    var since: TimeText?

    @Option(
        help: ArgumentHelp("Stop at this time. \(TimeText.acceptedForms).", valueName: "time"),
        transform: TimeArgument.parse)
    var until: TimeText?

    @Flag(help: "Print every event, not only prunes and removals.")
    var all = false

    @Flag(help: "One JSON object per line.")
    var json = false

    @Flag(help: "Also record each event as a journal entry (through --log-target), for auditing with journalctl.")
    var journal = false

    @Option(
        help: ArgumentHelp(
            "Also watch free space on the filesystem holding this path (repeatable): a `filesystem freed` event whenever it grew since the last sample.",
            valueName: "path"))
    var filesystem: [String] = []

    @Option(help: ArgumentHelp("How often --filesystem samples free space.", valueName: "duration"))
    var filesystemInterval: String = "30s"

    func run() async throws {
        let now = Timestamp.now()
        let request = WatchRequest(
            selection: all ? .everything : .spaceFreeing,
            since: since?.resolve(now: now),
            until: until?.resolve(now: now)
        )
        if let since = request.since, let until = request.until, until < since {
            throw ValidationError("--until (\(until)) is before --since (\(since))")
        }
        guard let interval = DurationText.parse(filesystemInterval), interval >= .milliseconds(100) else {
            throw ValidationError(
                "--filesystem-interval \"\(filesystemInterval)\" is not a duration of at least 100ms: \(DurationText.acceptedForms)"
            )
        }
        if let relative = filesystem.first(where: { !$0.hasPrefix("/") }) {
            throw ValidationError("--filesystem \"\(relative)\" is not an absolute path")
        }
        // Arguments first (exit 64), then whether an engine is there (exit 69).
        let host = try await CommandFailure.reporting { try engine.chosenHost() }
        let sink = logging.bootstrap()
        defer {
            Console.output.flush()
            sink.flush()
        }
        let logger = Logger(label: "reclaimd")
        let adapter = try await CommandFailure.reporting { try EngineRegistry(logger: logger).adapter(host: host) }
        let watcher =
            filesystem.isEmpty ? nil : FilesystemEventSource(paths: filesystem, interval: interval, logger: logger)
        let printJSON = json
        let printAll = all
        let recordInJournal = journal
        let output: @Sendable (ReclaimEvent) -> Void = { event in
            // Server-side filters narrow the stream; this keeps the promise if an engine ignores them.
            guard printAll || event.freesSpace else { return }
            if printJSON {
                Console.output.appendLine { event.appendJSON(to: &$0) }
            } else {
                Console.output.writeLine(EventLineFormatter.humanLine(event), buffered: true)
            }
            if recordInJournal { sink.write(EventAuditEntry.entry(for: event), buffered: true) }
        }
        // Each read's events in one write: a consumer still sees them as they arrive.
        let flush: @Sendable () -> Void = {
            Console.output.flush()
            sink.flushBuffered()
        }
        try await CommandFailure.reporting {
            try await Interruption.runUntilSignalled {
                try await Self.follow(adapter, request, watcher: watcher, output: output, flush: flush)
            }
        }
    }

    /// The engine's stream and, with --filesystem, the filesystem samples, printed as they come; ends when the
    /// engine's stream does (at --until).
    private static func follow(
        _ adapter: any EngineAdapter, _ request: WatchRequest, watcher: FilesystemEventSource?,
        output: @escaping @Sendable (ReclaimEvent) -> Void, flush: @escaping @Sendable () -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let watcher {
                group.addTask {
                    try await watcher.follow(FollowRequest(selection: .everything, resumePoint: nil)) { report in
                        if case .sample(let event) = report {
                            output(event)
                            flush()
                        }
                    }
                }
            }
            group.addTask {
                try await adapter.watch(request, onEvent: output, onReadEnd: flush)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
