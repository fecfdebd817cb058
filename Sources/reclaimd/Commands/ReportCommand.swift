import ArgumentParser
import Formats
import Time
import Journal
import JournalFormat
import Report

import Glibc

/// `reclaimd report`: what reclaimd did in a window of time, read back from its own journal entries.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Sum up reclaimd's journal: bytes reclaimed, removals, hook runs, trims, gaps and engine outages.",
        discussion: """
            Reads reclaimd's own entries (SYSLOG_IDENTIFIER=reclaimd) from this machine's journal, or from the \
            journal files in --directory, in the window --since to --until (by the time journald received them; \
            days and weeks in UTC). Entries of older versions are read, or skipped with a count. An empty window \
            says so and exits 0; a journal that cannot be opened exits 66.
            """
    )

    @Option(
        help: ArgumentHelp("Count entries from this time. \(TimeText.acceptedForms).", valueName: "time"),
        transform: TimeArgument.parse)
    var since: TimeText?

    @Option(
        help: ArgumentHelp("Count entries up to this time. \(TimeText.acceptedForms).", valueName: "time"),
        transform: TimeArgument.parse)
    var until: TimeText?

    @Option(
        help: ArgumentHelp(
            "Group by day or week (UTC), rule, resource type, or host (the machine that wrote each entry, for journals merged from several).",
            valueName: "group"))
    var by: GroupingArgument?

    @Flag(help: "One JSON object (keys in the README and the man page).")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Read the journal files in this directory (e.g. copied from another machine) instead of this machine's journal.",
            valueName: "dir"))
    var directory: String?

    @Option(
        name: .customLong("match"),
        help: ArgumentHelp(
            "Only entries with this journal field value, as journalctl takes them (repeatable; the same field twice: either, different fields: both), e.g. _PID=1234, _HOSTNAME=build1, _SYSTEMD_UNIT=reclaimd.service.",
            valueName: "FIELD=value"))
    var matches: [String] = []

    func validate() throws {
        for match in matches {
            try JournalMatch.validate(match)
        }
    }

    func run() throws {
        let now = Timestamp.now()
        let start = since?.resolve(now: now)
        let end = until?.resolve(now: now)
        if let start, let end, end < start {
            throw ValidationError("--until (\(end)) is before --since (\(start))")
        }
        var builder = ReportBuilder(since: start, until: end, grouping: by?.grouping)
        do {
            try JournalReportSource(directory: directory, matches: matches).read(into: &builder, since: start)
        } catch {
            Console.error.writeLine("reclaimd: \(error.message)")
            throw ExitCode(ExitStatus.noInput)
        }
        let report = builder.build()
        let text =
            json ? ReportJSON.object(report) : ReportText.lines(report, bars: isatty(1) == 1).joined(separator: "\n")
        Console.output.writeLine(text)
    }
}
