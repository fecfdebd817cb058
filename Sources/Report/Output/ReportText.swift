import Formats
import Time

/// The report for people: aligned columns and human sizes; with `bars`, a bar chart of bytes reclaimed per day or
/// week (for a terminal, not for a pipe).
public enum ReportText {
    /// Every line of the report.
    public static func lines(_ report: Report, bars: Bool) -> [String] {
        guard !report.isEmpty else {
            return ["No reclaimd entries between \(since(report)) and \(until(report))."]
        }
        var lines = header(report)
        switch report.grouping {
        case nil:
            lines += accountSection(report.total)
            lines += resourceSection(report.total) + [""] + ruleSection(report.total) + [""]
            lines += policySection(report.total)
            lines += trimLines(report.total) + gapLines(report.total) + outageLines(report.total)
        case .resource:
            lines += resourceSection(report.total, groupedBy: report.groups)
        case .rule:
            lines += ruleSection(report.total, groupedBy: report.groups)
        case .day, .week:
            lines += periodSection(report, bars: bars)
        case .host:
            lines += hostSection(report)
        }
        return lines + notes(report)
    }

    private static func header(_ report: Report) -> [String] {
        let entries = "\(report.entries) \(plural(report.entries, "entry", "entries"))"
        let span =
            report.firstEntry.map { first in
                " from \(time(first)) to \(time(report.lastEntry ?? first))"
            } ?? ""
        return ["reclaimd report, \(since(report)) to \(until(report)) (times in UTC): \(entries)\(span)", ""]
    }

    private static func since(_ report: Report) -> String {
        report.since.map(time) ?? "the start of the journal"
    }

    private static func until(_ report: Report) -> String {
        report.until.map(time) ?? "now"
    }

    /// What could not be used, and what was counted once.
    private static func notes(_ report: Report) -> [String] {
        var lines: [String] = []
        if report.skippedEntries > 0 {
            lines.append("")
            lines.append(
                "Skipped \(report.skippedEntries) \(plural(report.skippedEntries, "entry", "entries")) that could not be read (written by another version, or damaged):"
            )
            for reason in report.skipped.keys.sorted() {
                lines.append("  \(reason): \(report.skipped[reason] ?? 0)")
            }
        }
        if report.duplicateEvents > 0 {
            lines.append("")
            lines.append(
                "Counted once: \(report.duplicateEvents) event \(plural(report.duplicateEvents, "entry", "entries")) journaled again with the same RECLAIMD_EVENT_KEY."
            )
        }
        return lines
    }

    /// A time to the second: `2026-11-22T16:14:30Z`.
    static func time(_ time: Timestamp) -> String {
        String(time.rfc3339.prefix(19)) + "Z"
    }

    static func size(_ bytes: UInt64) -> String {
        ByteCountText.decimal(bytes)
    }

    static func milliseconds(_ value: UInt64?) -> String {
        value.map { DurationText.format(.milliseconds(Int64(clamping: $0))) } ?? "-"
    }

    static func plural(_ count: Int, _ one: String, _ many: String) -> String {
        count == 1 ? one : many
    }
}
