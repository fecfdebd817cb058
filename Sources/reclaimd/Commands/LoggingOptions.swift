import ArgumentParser
import Journal
import JournalFormat
import Logging

/// Where reclaimd writes its log and audit entries.
enum LogTarget: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The journal when journald's socket exists, else stderr.
    case auto
    case journal
    case stderr
}

/// `--log-target`, accepted by every command.
struct LoggingOptions: ParsableArguments {
    @Option(
        name: .customLong("log-target"),
        help: ArgumentHelp(
            "Where log and audit entries go: auto (the journal if journald runs, else stderr), journal, or stderr.",
            valueName: "target"))
    var logTarget: LogTarget = .auto

    /// Sets up swift-log once for the process and returns the sink every entry goes through.
    func bootstrap() -> JournalSink {
        let target: JournalSink.Target
        switch logTarget {
        case .journal: target = .journal
        case .stderr: target = .stderr
        case .auto: target = SystemJournal.isAvailable ? .journal : .stderr
        }
        let sink = JournalSink(target: target)
        LoggingSystem.bootstrap { _ in JournalLogHandler(sink: sink) }
        return sink
    }
}
