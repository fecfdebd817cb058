import JournalFormat
import Formats
import Time
import Report
import Testing

@Suite("report aggregation")
struct ReportBuilderTests {
    @Test("bytes reclaimed per resource from prune events; prunes without bytes are counted as unknown")
    func reclaimedBytes() {
        let report = Entries.report([
            Entries.prune("image", bytes: 1_000_000, at: 10),
            Entries.prune("image", bytes: 500, at: 20),
            Entries.prune("volume", bytes: nil, at: 30),
            Entries.prune("volume", bytes: 42, at: 40),
            Entries.prune("network", bytes: 0, at: 50),
        ])
        let image = report.total.resources["image"]
        #expect(image?.reclaimedBytes == 1_000_500)
        #expect(image?.prunes == 2)
        #expect(report.total.resources["volume"]?.prunesWithoutBytes == 1)
        #expect(report.total.resources["volume"]?.reclaimedBytes == 42)
        #expect(report.total.reclaimedBytes == 1_000_542)
        #expect(report.total.prunes == 5)
        #expect(report.total.prunesWithoutBytes == 1)
        #expect(report.entries == 5)
        #expect(report.firstEntry == Entries.at(10))
        #expect(report.lastEntry == Entries.at(50))
    }

    @Test("removals by RECLAIMD_KIND; other events (start, untag) count for nothing")
    func removals() {
        let report = Entries.report([
            Entries.event("container", "destroy", kind: "remove", at: 1),
            Entries.event("image", "delete", kind: "remove", at: 2),
            Entries.event("image", "remove", kind: "remove", at: 3),
            Entries.event("image", "untag", kind: "untag", at: 4),
            Entries.event("container", "start", kind: "start", at: 5),
        ])
        #expect(report.total.resources["container"]?.removals == 1)
        #expect(report.total.resources["image"]?.removals == 2)
        #expect(report.total.removals == 3)
        #expect(report.total.prunes == 0)
        #expect(report.entries == 5)
        #expect(report.skippedEntries == 0)
    }

    @Test("entries of reclaimd 0.1.0 (no RECLAIMD_KIND) are read by their raw action")
    func legacyEvents() {
        let report = Entries.report([
            Entries.event("image", "prune", kind: nil, bytes: "2048", at: 1),
            Entries.event("container", "destroy", kind: nil, at: 2),
            Entries.event("image", "delete", kind: nil, at: 3),
            Entries.event("volume", "remove", kind: nil, at: 4),
            Entries.event("network", "destroy", kind: nil, at: 5),  // not a space-freeing removal
            Entries.event("image", "untag", kind: nil, at: 6),
        ])
        #expect(report.total.resources["image"]?.reclaimedBytes == 2048)
        #expect(report.total.removals == 3)
        #expect(report.total.resources["network"] == nil)
    }

    @Test("damaged or foreign entries are skipped with a reason, or read as far as they go, never a crash")
    func damagedEntries() {
        let report = Entries.report([
            Entries.event("image", "prune", kind: "prune", bytes: "12 MB", at: 1),  // not a count: unknown bytes
            Entries.event("image", "prune", kind: "prune", bytes: "-5", at: 2),
            Entries.record(.eventReceived, at: 3, ["RECLAIMD_ACTION": "prune"]),
            Entries.run("trim", nil, ms: "10", at: 4),
            Entries.run("trim", "exploded", ms: "10", at: 5),
            Entries.run("trim", "success", ms: "fast", at: 6),  // counted, without a duration
            Entries.record(.runFinished, at: 7, ["RECLAIMD_OUTCOME": "success"]),
            Entries.record(.engineLost, at: 8, pid: 1, ["_PID": "abc"]),
            Entries.record(.eventsMayBeMissed, at: 9, [:]),  // a gap without its window is still a gap
        ])
        #expect(report.total.resources["image"]?.prunes == 2)
        #expect(report.total.resources["image"]?.prunesWithoutBytes == 2)
        #expect(report.total.rules["trim"]?.runs == 1)
        #expect(report.total.rules["trim"]?.durations.count == 0)
        #expect(report.total.gaps.count == 1)
        #expect(report.total.gaps.first?.start == nil)
        #expect(
            report.skipped == [
                "event without RECLAIMD_RESOURCE or RECLAIMD_ACTION": 1, "run without RECLAIMD_OUTCOME": 1,
                "run with an unknown RECLAIMD_OUTCOME": 1, "run without RECLAIMD_RULE": 1,
                "engine entry without a numeric _PID": 1,
            ])
        #expect(report.entries == 9)
    }

    @Test("runs per rule with outcomes, p50 and max duration")
    func runs() {
        let report = Entries.report([
            Entries.run("trim", "success", ms: "40", at: 1),
            Entries.run("trim", "success", ms: "60", at: 2),
            Entries.run("trim", "failure", ms: "0", at: 3),
            Entries.run("trim", "timeout", ms: "600000", at: 4),
            Entries.run("hook", "success", ms: "5", at: 5),
        ])
        let trim = report.total.rules["trim"]
        #expect(trim?.runs == 4)
        #expect(trim?.count(.success) == 2)
        #expect(trim?.count(.failure) == 1)
        #expect(trim?.count(.timeout) == 1)
        #expect(trim?.durations.median == 40)
        #expect(trim?.durations.maximum == 600_000)
        #expect(report.total.allRuns.runs == 5)
        #expect(report.total.allRuns.durations.median == 40)
    }

    @Test("bytes trimmed from fstrim lines in the hook's stdout, per rule; other lines and stderr are not")
    func trims() {
        let report = Entries.report([
            Entries.trim("trim", bytes: 1000, at: 1),
            Entries.trim("trim", bytes: 24, at: 2),
            Entries.output("trim", "/x: 1 MiB (1048576 bytes) trimmed", stream: "stderr", at: 3),
            Entries.output("trim", "skipped: 0 bytes reclaimed, below --min-bytes 10", at: 4),
            Entries.output("other", "/boot: 1 KiB (1024 bytes) trimmed on /dev/sda1", at: 5),
            Entries.record(.hookOutput, at: 6, ["MESSAGE": "/x: 1 B (1 bytes) trimmed"]),
        ])
        #expect(report.total.rules["trim"]?.trimmedBytes == 1024)
        #expect(report.total.rules["trim"]?.trimReports == 2)
        #expect(report.total.rules["trim"]?.runs == 0)
        #expect(report.total.rules["other"]?.trimmedBytes == 1024)
        #expect(report.total.allRuns.trimmedBytes == 2048)
        #expect(report.skipped == ["hook output without RECLAIMD_RULE": 1])
    }

    @Test("an event journaled twice (same RECLAIMD_EVENT_KEY) counts once")
    func duplicates() {
        let first = Entries.event("image", "prune", kind: "prune", bytes: "100", key: "00000000000000aa", at: 1)
        let again = Entries.event("image", "prune", kind: "prune", bytes: "100", key: "00000000000000aa", at: 2)
        let report = Entries.report([first, again])
        #expect(report.total.reclaimedBytes == 100)
        #expect(report.duplicateEvents == 1)
        #expect(report.entries == 2)
    }

    @Test("entries outside --since and --until are not read; the ends are inclusive")
    func window() {
        let records = (0..<10).map { Entries.prune("image", bytes: 1, at: Int64($0)) }
        let report = Entries.report(records, since: Entries.at(3), until: Entries.at(6))
        #expect(report.entries == 4)
        #expect(report.total.reclaimedBytes == 4)
        #expect(Entries.report(records, since: Entries.at(100)).isEmpty)
    }
}
