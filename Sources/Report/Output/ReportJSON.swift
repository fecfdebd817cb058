import Formats
import Time

/// The report for machines: one JSON object. README's "reclaimd report" section and the man page document every
/// key; a key is never dropped, an unknown value is `null`.
public enum ReportJSON {
    public static func object(_ report: Report) -> String {
        var writer = JSONObjectWriter()
        writer.add("since", report.since?.rfc3339)
        writer.add("until", report.until?.rfc3339)
        writer.add("by", report.grouping?.rawValue)
        writer.add("entries", report.entries)
        writer.add("first_entry", report.firstEntry?.rfc3339)
        writer.add("last_entry", report.lastEntry?.rfc3339)
        writer.add("skipped_entries", report.skippedEntries)
        writer.addRaw("skipped", object(report.skipped) { String($0) })
        writer.add("duplicate_events", report.duplicateEvents)
        writer.addRaw("total", summary(report.total))
        writer.addRaw("groups", JSONText.array(report.groups.map { summary($0.summary, key: $0.key) }))
        return writer.finish()
    }

    /// A summary's object; a group's starts with its `key`.
    static func summary(_ summary: Summary, key: String? = nil) -> String {
        var writer = JSONObjectWriter()
        if let key { writer.add("key", key) }
        writer.add("reclaimed_bytes", summary.reclaimedBytes)
        writer.add("prunes", summary.prunes)
        writer.add("prunes_without_bytes", summary.prunesWithoutBytes)
        writer.add("removals", summary.removals)
        writer.addRaw("resources", object(summary.resources, resource))
        writer.add("filesystem_freed_bytes", summary.filesystemFreedBytes)
        writer.add("filesystem_freed_events", summary.filesystemFreedEvents)
        addRuns(summary.allRuns, to: &writer)
        writer.addRaw(
            "rules",
            object(summary.rules) { totals in
                var rule = JSONObjectWriter()
                addRuns(totals, to: &rule)
                return rule.finish()
            })
        writer.addRaw("policies", object(summary.policies, policy))
        writer.addRaw("gaps", JSONText.array(summary.gaps.map(gap)))
        writer.addRaw("outages", JSONText.array(summary.outages.map(outage)))
        writer.add("open_outages", summary.openOutages)
        writer.add("disconnected_ms", summary.disconnectedMilliseconds)
        writer.addRaw("account", account(summary.account))
        return writer.finish()
    }

    /// The space account: the engines' figure, the policies', the filesystem source's and fstrim's, side by side.
    private static func account(_ account: SpaceAccount) -> String {
        var writer = JSONObjectWriter()
        writer.add("reported_bytes", account.reportedBytes)
        writer.add("prunes_without_bytes", account.prunesWithoutBytes)
        writer.add("removals", account.removals)
        writer.add("policy_removed_bytes", account.policyRemovedBytes)
        writer.add("filesystem_freed_bytes", account.filesystemFreedBytes)
        writer.add("trimmed_bytes", account.trimmedBytes)
        writer.add("trim_reports", account.trimReports)
        return writer.finish()
    }

    private static func resource(_ totals: ResourceTotals) -> String {
        var writer = JSONObjectWriter()
        writer.add("reclaimed_bytes", totals.reclaimedBytes)
        writer.add("prunes", totals.prunes)
        writer.add("prunes_without_bytes", totals.prunesWithoutBytes)
        writer.add("removals", totals.removals)
        return writer.finish()
    }

    /// `runs`, `outcomes`, `duration_ms`, `trimmed_bytes`, `trim_reports`: the same keys for a rule and for all.
    private static func addRuns(_ totals: RuleTotals, to writer: inout JSONObjectWriter) {
        writer.add("runs", totals.runs)
        var outcomes = JSONObjectWriter()
        for outcome in RunOutcome.allCases { outcomes.add(outcome.rawValue, totals.count(outcome)) }
        writer.addRaw("outcomes", outcomes.finish())
        var durations = JSONObjectWriter()
        durations.add("count", totals.durations.count)
        durations.add("total", totals.durations.total)
        durations.add("p50", totals.durations.median)
        durations.add("max", totals.durations.maximum)
        writer.addRaw("duration_ms", durations.finish())
        writer.add("trimmed_bytes", totals.trimmedBytes)
        writer.add("trim_reports", totals.trimReports)
    }

    private static func policy(_ totals: PolicyTotals) -> String {
        var writer = JSONObjectWriter()
        writer.add("removed", totals.removed)
        writer.add("removed_bytes", totals.removedBytes)
        writer.addRaw("reasons", object(totals.removedByReason) { String($0) })
        writer.add("refused", totals.refused)
        writer.add("dry_run_planned", totals.planned)
        writer.add("evaluations", totals.evaluations)
        writer.addRaw("triggers", object(totals.evaluationsByTrigger) { String($0) })
        return writer.finish()
    }

    private static func gap(_ gap: Gap) -> String {
        var writer = JSONObjectWriter()
        writer.add("time", gap.time.rfc3339)
        writer.add("start", gap.start)
        writer.add("end", gap.end)
        return writer.finish()
    }

    private static func outage(_ outage: Outage) -> String {
        var writer = JSONObjectWriter()
        writer.add("pid", outage.pid)
        writer.add("machine", outage.machine)
        writer.add("host", outage.host)
        writer.add("start", outage.start.rfc3339)
        writer.add("end", outage.end?.rfc3339)
        writer.add("duration_ms", outage.milliseconds)
        return writer.finish()
    }

    /// An object with sorted keys whose values are already JSON.
    private static func object<Value>(_ values: [String: Value], _ encode: (Value) -> String) -> String {
        var writer = JSONObjectWriter()
        for key in values.keys.sorted() {
            if let value = values[key] { writer.addRaw(key, encode(value)) }
        }
        return writer.finish()
    }
}
