import JournalFormat
import Formats
import Time
import Report
import Testing

@Suite("report as text")
struct ReportTextTests {
    private static var records: [ReportRecord] {
        [
            Entries.prune("container", bytes: 21_000_000, at: 10),
            Entries.prune("image", bytes: 43_900_000, at: 11),
            Entries.prune("volume", bytes: nil, at: 12),
            Entries.event("image", "delete", kind: "remove", at: 13),
            Entries.run("trim", "success", ms: "63", at: 20),
            Entries.run("trim", "failure", ms: "1200", at: 30),
            Entries.trim("trim", bytes: 206_062_592, at: 19),
            Entries.lost(pid: 7, at: 40),
            Entries.connected(pid: 7, at: 130),
            Entries.gap(at: 131),
            Entries.run("trim", nil, ms: "1", at: 140),
        ]
    }

    @Test("the overview: aligned tables, human sizes, gaps, outages and what was skipped")
    func overview() {
        let lines = ReportText.lines(Entries.report(Self.records), bars: true)
        let expected = """
            reclaimd report, the start of the journal to now (times in UTC): 11 entries from 2026-11-22T00:00:10Z to 2026-11-22T00:02:20Z

            Space account (each measured apart; not to be added up):
              reported by the engines   64.9 MB  prunes' reclaimed bytes; not sized: 1 prune without bytes, 1 removal
              removed by policies           0 B  the objects' sizes as the policies saw them
              freed on the filesystem       0 B  growth of free space the filesystem source saw
              trimmed                  206.1 MB  fstrim's 1 report: what a disk with discard gives back

            Reclaimed by the engines (the bytes each prune reported; "without bytes": prunes that reported none)
              resource   reclaimed  prunes  without bytes  removals
              container    21.0 MB       1              0         0
              image        43.9 MB       1              0         1
              volume           0 B       1              1         0
              total        64.9 MB       3              1         1

            Hook runs (p50 and max: durations; trimmed: fstrim's reports in the hook's output)
              rule   runs  success  failure  timeout   p50      max   trimmed
              trim      2        1        1        0  63ms  1s200ms  206.1 MB
              total     2        1        1        0  63ms  1s200ms  206.1 MB

            Trimmed (fstrim's reports in hook output): 206.1 MB (206062592 bytes) in 1 report
            Gaps: 1 window in which events may have been missed:
              2026-11-22T00:01:11.000000000Z to 2026-11-22T00:02:11.000000000Z (warned at 2026-11-22T00:02:11Z)
            Engine outages: 1, 1m30s disconnected in all (each from a process's "lost" entry to its next "connected"):
              2026-11-22T00:00:40Z  2026-11-22T00:02:10Z  1m30s  pid 7  unix:///var/run/docker.sock

            Skipped 1 entry that could not be read (written by another version, or damaged):
              run without RECLAIMD_OUTCOME: 1
            """
        #expect(lines.joined(separator: "\n") == expected)
    }

    @Test("an empty window says so")
    func empty() {
        let lines = ReportText.lines(Entries.report([], since: Entries.at(0), until: Entries.at(60)), bars: false)
        #expect(lines == ["No reclaimd entries between 2026-11-22T00:00:00Z and 2026-11-22T00:01:00Z."])
    }

    @Test("by day: one row per day, with a bar of the bytes reclaimed only for a terminal")
    func byDay() {
        let records = Self.records + [Entries.prune("image", bytes: 10_000_000, at: 2 * 86_400)]
        let report = Entries.report(records, by: .day)
        let plain = ReportText.lines(report, bars: false)
        let terminal = ReportText.lines(report, bars: true)
        #expect(
            plain.contains {
                $0 == "  2026-11-23        0 B       0         0     0       0       0 B     0            0s"
            })
        #expect(!plain.joined().contains("█"))
        let first = terminal.first { $0.hasPrefix("  2026-11-22") } ?? ""
        let third = terminal.first { $0.hasPrefix("  2026-11-24") } ?? ""
        #expect(first.hasSuffix(String(repeating: "█", count: 30)), "the largest day fills the bar: \(first)")
        #expect(third.hasSuffix("████▋"), "10.0 MB of 64.9 MB is 4.6 cells: \(third)")
        #expect(terminal.contains { $0.hasPrefix("  total") && $0.contains("74.9 MB") })
    }

    @Test("by rule and by resource: their table, with a total row")
    func byRuleAndResource() {
        let byRule = ReportText.lines(Entries.report(Self.records, by: .rule), bars: true)
        #expect(byRule.contains { $0.hasPrefix("  trim ") })
        #expect(!byRule.contains { $0.hasPrefix("  container") })
        let byResource = ReportText.lines(Entries.report(Self.records, by: .resource), bars: true)
        #expect(byResource.contains { $0.hasPrefix("  container    21.0 MB") })
        #expect(byResource.contains { $0.hasPrefix("  total        64.9 MB") })
        #expect(!byResource.contains { $0.hasPrefix("  trim") })
    }
}
