/// The tables: per resource type, per rule, per day or week, per host.
extension ReportText {
    static func resourceSection(_ total: Summary, groupedBy groups: [Report.Group]? = nil) -> [String] {
        guard !total.resources.isEmpty else { return ["Reclaimed by the engines: no prunes or removals."] }
        var table = TextTable([.left, .right, .right, .right, .right])
        table.add(["resource", "reclaimed", "prunes", "without bytes", "removals"])
        let rows =
            groups.map { $0.map { ($0.key, $0.summary.resources[$0.key] ?? ResourceTotals()) } }
            ?? total.resources.keys.sorted().map { ($0, total.resources[$0] ?? ResourceTotals()) }
        for (name, totals) in rows {
            table.add([
                name, size(totals.reclaimedBytes), "\(totals.prunes)", "\(totals.prunesWithoutBytes)",
                "\(totals.removals)",
            ])
        }
        table.add([
            "total", size(total.reclaimedBytes), "\(total.prunes)", "\(total.prunesWithoutBytes)", "\(total.removals)",
        ])
        return [
            "Reclaimed by the engines (the bytes each prune reported; \"without bytes\": prunes that reported none)"
        ]
            + table.lines()
    }

    static func ruleSection(_ total: Summary, groupedBy groups: [Report.Group]? = nil) -> [String] {
        guard !total.rules.isEmpty else { return ["Hook runs: none."] }
        var table = TextTable([.left, .right, .right, .right, .right, .right, .right, .right])
        table.add(["rule", "runs", "success", "failure", "timeout", "p50", "max", "trimmed"])
        let rows =
            groups.map { $0.map { ($0.key, $0.summary.rules[$0.key] ?? RuleTotals()) } }
            ?? total.rules.keys.sorted().map { ($0, total.rules[$0] ?? RuleTotals()) }
        for (name, totals) in rows + [("total", total.allRuns)] {
            table.add([
                name, "\(totals.runs)", "\(totals.count(.success))", "\(totals.count(.failure))",
                "\(totals.count(.timeout))", milliseconds(totals.durations.median),
                milliseconds(totals.durations.maximum), size(totals.trimmedBytes),
            ])
        }
        return ["Hook runs (p50 and max: durations; trimmed: fstrim's reports in the hook's output)"] + table.lines()
    }

    /// What each garbage-collection policy removed and why; nothing when no policy removed or planned anything.
    static func policySection(_ total: Summary) -> [String] {
        guard !total.policies.isEmpty else { return [] }
        var table = TextTable([.left, .right, .right, .right, .right, .right, .right, .left])
        table.add(["policy", "removed", "size", "max_unused", "bytes", "refused", "dry run", "evaluations"])
        for name in total.policies.keys.sorted() {
            let totals = total.policies[name] ?? PolicyTotals()
            table.add([
                name, "\(totals.removed)", "\(totals.removedByReason["size"] ?? 0)",
                "\(totals.removedByReason["max_unused"] ?? 0)", size(totals.removedBytes), "\(totals.refused)",
                "\(totals.planned)", evaluations(totals),
            ])
        }
        return [
            "Garbage-collection policies (removed, by reason: over the size limit or unused too long; bytes: the objects' own sizes; evaluations: summaries by trigger)"
        ]
            + table.lines() + [""]
    }

    /// `3 (1 start, 2 interval)`: a policy's evaluation summaries, by trigger in a fixed order.
    private static func evaluations(_ totals: PolicyTotals) -> String {
        let order = ["start", "interval", "event", "manual"]
        let named = totals.evaluationsByTrigger.keys.sorted {
            (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
        }
        let parts = named.map { "\(totals.evaluationsByTrigger[$0] ?? 0) \($0)" }
        return parts.isEmpty ? "0" : "\(totals.evaluations) (\(parts.joined(separator: ", ")))"
    }

    /// One row per day or week, the total last; with `bars`, each row ends in a bar of its bytes reclaimed.
    static func periodSection(_ report: Report, bars: Bool) -> [String] {
        let unit = report.grouping == .week ? "week" : "day"
        var table = TextTable([.left, .right, .right, .right, .right, .right, .right, .right, .right, .left])
        table.add([unit, "reclaimed", "prunes", "removals", "runs", "failed", "trimmed", "gaps", "disconnected", ""])
        let largest = report.groups.map(\.summary.reclaimedBytes).max() ?? 0
        for group in report.groups {
            let bar = bars ? BarChart.bar(group.summary.reclaimedBytes, largest: largest) : ""
            table.add(periodRow(group.key, group.summary) + [bar])
        }
        table.add(periodRow("total", report.total) + [""])
        let legend = "By \(unit) (UTC; failed: failure or timeout; disconnected: engine outages that ended)"
        return [legend] + table.lines()
    }

    private static func periodRow(_ key: String, _ summary: Summary) -> [String] {
        let runs = summary.allRuns
        return [
            key, size(summary.reclaimedBytes), "\(summary.prunes)", "\(summary.removals)", "\(runs.runs)",
            "\(runs.count(.failure) + runs.count(.timeout))", size(runs.trimmedBytes), "\(summary.gaps.count)",
            milliseconds(summary.disconnectedMilliseconds),
        ]
    }

    /// One row per machine, the fleet's total last.
    static func hostSection(_ report: Report) -> [String] {
        var table = TextTable([.left, .right, .right, .right, .right, .right, .right, .right, .right, .right])
        table.add([
            "host", "reclaimed", "prunes", "removals", "runs", "failed", "trimmed", "gc removed", "outages",
            "disconnected",
        ])
        for group in report.groups + [Report.Group(key: "total", summary: report.total)] {
            let summary = group.summary
            let runs = summary.allRuns
            let gcRemoved = summary.policies.values.reduce(0) { $0 + $1.removed }
            table.add([
                group.key, size(summary.reclaimedBytes), "\(summary.prunes)", "\(summary.removals)", "\(runs.runs)",
                "\(runs.count(.failure) + runs.count(.timeout))", size(runs.trimmedBytes), "\(gcRemoved)",
                "\(summary.outages.count)", milliseconds(summary.disconnectedMilliseconds),
            ])
        }
        let legend =
            "By host (_HOSTNAME of each entry; failed: failure or timeout; gc removed: garbage-collection removals; disconnected: engine outages that ended)"
        return [legend] + table.lines()
    }
}
