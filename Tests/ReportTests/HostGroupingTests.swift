import JournalFormat
import Formats
import Time
import Report
import Testing

/// `report --by host` over journals merged from several machines: each entry belongs to the machine journald
/// stamped on it, and what is a machine's own (PIDs, event keys) never mixes with another's.
@Suite("report --by host")
struct HostGroupingTests {
    /// `record` as machine `host` wrote it; nil host leaves `_HOSTNAME` out, `machineID` adds `_MACHINE_ID`.
    private static func on(_ host: String?, machineID: String? = nil, _ record: ReportRecord) -> ReportRecord {
        var record = record
        if let host { record.fields["_HOSTNAME"] = host }
        if let machineID { record.fields["_MACHINE_ID"] = machineID }
        return record
    }

    /// Two machines whose agents have the same PID and journal the same event key (the same engine event ID and
    /// time can happen on two machines).
    private static var fleet: [ReportRecord] {
        [
            on("build1", Entries.event("volume", "prune", kind: "prune", bytes: "3145728", key: "same", at: 10)),
            on("build2", Entries.event("volume", "prune", kind: "prune", bytes: "5242880", key: "same", at: 11)),
            on("build1", Entries.run("trim", "success", ms: "5", at: 12)),
            on("build2", Entries.run("trim", "failure", ms: "7", at: 13)),
            on("build2", Entries.run("trim", "success", ms: "8", at: 14)),
            on("build1", Entries.lost(pid: 100, at: 20)),
            on("build2", Entries.connected(pid: 100, at: 25)),  // the other machine's process: ends nothing
            on("build1", Entries.connected(pid: 100, at: 30)),
            on("build2", Entries.lost(pid: 100, at: 40)),
            on("build2", Entries.policyRemoval("old", reason: "size", size: 9, removed: true, at: 50)),
        ]
    }

    @Test("each machine its own bytes, runs, removals and outages; the total is the fleet's")
    func perMachine() throws {
        let report = Entries.report(Self.fleet, by: .host)
        #expect(report.groups.map(\.key) == ["build1", "build2"])
        #expect(report.duplicateEvents == 0, "the same key on two machines is two events")
        let build1 = try #require(report.groups.first).summary
        let build2 = try #require(report.groups.last).summary
        #expect(build1.reclaimedBytes == 3_145_728)
        #expect(build2.reclaimedBytes == 5_242_880)
        #expect(report.total.reclaimedBytes == 8_388_608)
        #expect(build1.allRuns.runs == 1 && build2.allRuns.runs == 2)
        #expect(build2.allRuns.count(.failure) == 1)
        #expect(build2.policies["old"]?.removed == 1 && build1.policies.isEmpty)
        #expect(build1.outages.map(\.machine) == ["build1"])
        #expect(build1.outages.first?.milliseconds == 10_000, "build2's connected entry did not end build1's outage")
        #expect(build2.outages.count == 1 && build2.openOutages == 1)
        #expect(report.total.outages.count == 2)
    }

    @Test("the same event key twice on one machine still counts once")
    func duplicatesPerMachine() {
        let twice = Self.on("build1", Entries.event("volume", "prune", kind: "prune", bytes: "10", key: "k", at: 10))
        let report = Entries.report([twice, twice], by: .host)
        #expect(report.duplicateEvents == 1)
        #expect(report.total.reclaimedBytes == 10)
    }

    @Test("without _HOSTNAME an entry belongs to its machine ID, without either to an unknown host")
    func fallbacks() {
        let records = [
            Self.on(nil, machineID: "0123abcd", Entries.prune("image", bytes: 1, at: 1)),
            Self.on(nil, Entries.prune("image", bytes: 2, at: 2)),
            Self.on("", machineID: "0123abcd", Entries.prune("image", bytes: 4, at: 3)),
        ]
        let report = Entries.report(records, by: .host)
        #expect(report.groups.map(\.key) == ["(unknown host)", "0123abcd"].sorted())
        #expect(report.groups.first { $0.key == "0123abcd" }?.summary.reclaimedBytes == 5)
    }

    @Test("the text table has a row per machine and the fleet's total; JSON groups are keyed by host")
    func output() {
        let report = Entries.report(Self.fleet, by: .host)
        let lines = ReportText.lines(report, bars: false)
        let rows = lines.filter { $0.hasPrefix("  build") || $0.hasPrefix("  total") }
        #expect(rows.count == 3, "\(lines)")
        #expect(rows[0].split(separator: " ").first == "build1")
        #expect(rows[1].contains(ByteCountText.decimal(5_242_880)))
        #expect(rows[2].contains(ByteCountText.decimal(8_388_608)))
        let json = ReportJSON.object(report)
        #expect(json.contains(#""by":"host""#))
        #expect(json.contains(#""key":"build1","reclaimed_bytes":3145728"#))
        #expect(json.contains(#""machine":"build1""#))
    }
}
