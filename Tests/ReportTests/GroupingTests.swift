import JournalFormat
import Formats
import Time
import Report
import Testing

@Suite("report --by")
struct GroupingTests {
    private static let day = Int64(86_400)

    /// Sunday 2026-11-22, then Tuesday 24 (23 empty), then Monday 30 (the next ISO week).
    private static var records: [ReportRecord] {
        [
            Entries.prune("image", bytes: 100, at: 10),
            Entries.run("trim", "success", ms: "5", at: 20),
            Entries.lost(pid: 1, at: 30),
            Entries.connected(pid: 1, at: day + 30),  // the outage belongs to the day it started
            Entries.prune("volume", bytes: 7, at: 2 * day + 5),
            Entries.trim("trim", bytes: 64, at: 2 * day + 6),
            Entries.gap(at: 2 * day + 7),
            Entries.event("image", "delete", kind: "remove", at: 8 * day),
            Entries.run("other", "failure", ms: "9", at: 8 * day + 1),
        ]
    }

    @Test("by day: every UTC day from the first to the last, empty ones included")
    func byDay() {
        let report = Entries.report(Self.records, by: .day)
        #expect(report.groups.map(\.key) == (22...30).map { "2026-11-\($0)" })
        let first = report.groups[0].summary
        #expect(first.reclaimedBytes == 100)
        #expect(first.allRuns.runs == 1)
        #expect(first.outages.count == 1)
        #expect(first.disconnectedMilliseconds == 86_400_000)
        #expect(report.groups[1].summary.isEmpty)
        #expect(report.groups[2].summary.reclaimedBytes == 7)
        #expect(report.groups[2].summary.allRuns.trimmedBytes == 64)
        #expect(report.groups[2].summary.gaps.count == 1)
        #expect(report.groups[8].summary.removals == 1)
        #expect(report.total.reclaimedBytes == 107, "the total is the whole window")
    }

    @Test("by week: ISO weeks, Monday to Sunday")
    func byWeek() {
        let report = Entries.report(Self.records, by: .week)
        #expect(report.groups.map(\.key) == ["2026-W47", "2026-W48", "2026-W49"])
        #expect(report.groups.map(\.summary.reclaimedBytes) == [100, 7, 0])
        #expect(report.groups.map(\.summary.allRuns.runs) == [1, 0, 1])
    }

    @Test("by rule: runs and trims per rule, by name; events belong to no rule")
    func byRule() {
        let report = Entries.report(Self.records, by: .rule)
        #expect(report.groups.map(\.key) == ["other", "trim"])
        #expect(report.groups[1].summary.rules["trim"]?.trimmedBytes == 64)
        #expect(report.groups[1].summary.resources.isEmpty)
        #expect(report.groups[0].summary.rules["other"]?.count(.failure) == 1)
    }

    @Test("by resource: events per resource type, by name")
    func byResource() {
        let report = Entries.report(Self.records, by: .resource)
        #expect(report.groups.map(\.key) == ["image", "volume"])
        #expect(report.groups[0].summary.resources["image"]?.removals == 1)
        #expect(report.groups[0].summary.rules.isEmpty)
        #expect(report.groups[1].summary.reclaimedBytes == 7)
    }

    @Test("no groups without --by, and none for an empty window")
    func noGroups() {
        #expect(Entries.report(Self.records).groups.isEmpty)
        #expect(Entries.report([], by: .day).groups.isEmpty)
    }
}
