import Formats
import Time

/// The lines after the tables: trims, filesystem growth, gaps, outages.
extension ReportText {
    static func trimLines(_ total: Summary) -> [String] {
        let runs = total.allRuns
        var lines = [
            "Trimmed (fstrim's reports in hook output): \(ByteCountText.decimalWithExact(runs.trimmedBytes)) in \(runs.trimReports) \(plural(runs.trimReports, "report", "reports"))"
        ]
        if total.filesystemFreedEvents > 0 {
            lines.append(
                "Free space grew on watched filesystems by \(size(total.filesystemFreedBytes)) (\(total.filesystemFreedEvents) \(plural(total.filesystemFreedEvents, "sample", "samples")); not added to the engines' figure)"
            )
        }
        return lines
    }

    static func gapLines(_ total: Summary) -> [String] {
        guard !total.gaps.isEmpty else { return ["Gaps: none."] }
        let count = total.gaps.count
        var lines = ["Gaps: \(count) \(plural(count, "window", "windows")) in which events may have been missed:"]
        for gap in total.gaps {
            lines.append("  \(gap.start ?? "?") to \(gap.end ?? "?") (warned at \(time(gap.time)))")
        }
        return lines
    }

    static func outageLines(_ total: Summary) -> [String] {
        guard !total.outages.isEmpty else { return ["Engine outages: none."] }
        let count = total.outages.count
        let lines = [
            "Engine outages: \(count), \(milliseconds(total.disconnectedMilliseconds)) disconnected in all (each from a process's \"lost\" entry to its next \"connected\"):"
        ]
        var table = TextTable([.left, .left, .right, .left, .left])
        for outage in total.outages {
            let end = outage.end.map(time) ?? "not reconnected"
            let length = outage.milliseconds.map { milliseconds($0) } ?? ""
            table.add([time(outage.start), end, length, "pid \(outage.pid)", outage.host ?? ""])
        }
        return lines + table.lines(indent: "  ")
    }
}
