import JournalFormat
import Foundation
import Formats
import Time
import Report
import Testing

@Suite("report --json")
struct ReportJSONTests {
    /// The keys README's "reclaimd report" section and the man page document, exactly.
    static let topKeys: Set<String> = [
        "since", "until", "by", "entries", "first_entry", "last_entry", "skipped_entries", "skipped",
        "duplicate_events", "total", "groups",
    ]
    static let summaryKeys: Set<String> = [
        "reclaimed_bytes", "prunes", "prunes_without_bytes", "removals", "resources", "filesystem_freed_bytes",
        "filesystem_freed_events", "runs", "outcomes", "duration_ms", "trimmed_bytes", "trim_reports", "rules", "gaps",
        "outages", "open_outages", "disconnected_ms", "policies", "account",
    ]
    static let accountKeys: Set<String> = [
        "reported_bytes", "prunes_without_bytes", "removals", "policy_removed_bytes", "filesystem_freed_bytes",
        "trimmed_bytes", "trim_reports",
    ]
    static let resourceKeys: Set<String> = ["reclaimed_bytes", "prunes", "prunes_without_bytes", "removals"]
    static let ruleKeys: Set<String> = ["runs", "outcomes", "duration_ms", "trimmed_bytes", "trim_reports"]
    static let durationKeys: Set<String> = ["count", "total", "p50", "max"]
    static let gapKeys: Set<String> = ["time", "start", "end"]
    static let outageKeys: Set<String> = ["pid", "machine", "host", "start", "end", "duration_ms"]

    private static func parse(_ report: Report) throws -> [String: Any] {
        let text = ReportJSON.object(report)
        #expect(!text.contains("\n"), "one line")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("every key, with the values counted; groups carry the summary's keys and their key")
    func keysAndValues() throws {
        let records = [
            Entries.prune("image", bytes: 2_000, at: 1), Entries.prune("volume", bytes: nil, at: 2),
            Entries.event("container", "destroy", kind: nil, at: 3), Entries.run("trim", "success", ms: "40", at: 4),
            Entries.run("trim", "timeout", ms: "600000", at: 5), Entries.trim("trim", bytes: 4096, at: 6),
            Entries.lost(pid: 9, at: 7), Entries.connected(pid: 9, at: 8), Entries.lost(pid: 9, at: 9),
            Entries.gap(at: 10), Entries.run("trim", "what", ms: nil, at: 11),
        ]
        let object = try Self.parse(Entries.report(records, since: Entries.at(0), by: .day))
        #expect(Set(object.keys) == Self.topKeys)
        #expect(object["since"] as? String == "2026-11-22T00:00:00.000000000Z")
        #expect(object["until"] is NSNull)
        #expect(object["by"] as? String == "day")
        #expect(object["entries"] as? Int == 11)
        #expect(object["skipped"] as? [String: Int] == ["run with an unknown RECLAIMD_OUTCOME": 1])
        let total = try #require(object["total"] as? [String: Any])
        try Self.checkSummaryKeys(total)
        #expect(total["reclaimed_bytes"] as? Int == 2_000)
        #expect(total["prunes_without_bytes"] as? Int == 1)
        #expect(total["removals"] as? Int == 1)
        #expect(total["outcomes"] as? [String: Int] == ["success": 1, "failure": 0, "timeout": 1])
        #expect(total["duration_ms"] as? [String: Int] == ["count": 2, "total": 600_040, "p50": 40, "max": 600_000])
        #expect(total["trimmed_bytes"] as? Int == 4096)
        #expect(total["disconnected_ms"] as? Int == 1_000)
        #expect(total["open_outages"] as? Int == 1)
        let outages = try #require(total["outages"] as? [[String: Any]])
        #expect(outages.count == 2)
        #expect(outages.last?["end"] is NSNull)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups.first?["key"] as? String == "2026-11-22")
        #expect(Set(groups.first?.keys.map { $0 } ?? []) == Self.summaryKeys.union(["key"]))
    }

    private static func checkSummaryKeys(_ summary: [String: Any]) throws {
        #expect(Set(summary.keys) == summaryKeys)
        let account = try #require(summary["account"] as? [String: Any])
        #expect(Set(account.keys) == accountKeys)
        #expect(account["reported_bytes"] as? Int == summary["reclaimed_bytes"] as? Int)
        #expect(account["trimmed_bytes"] as? Int == summary["trimmed_bytes"] as? Int)
        #expect(account["filesystem_freed_bytes"] as? Int == summary["filesystem_freed_bytes"] as? Int)
        let resources = try #require(summary["resources"] as? [String: [String: Any]])
        #expect(Set(resources.keys) == ["image", "volume", "container"])
        #expect(resources.values.allSatisfy { Set($0.keys) == resourceKeys })
        let rules = try #require(summary["rules"] as? [String: [String: Any]])
        #expect(rules.values.allSatisfy { Set($0.keys) == ruleKeys })
        #expect(Set((summary["duration_ms"] as? [String: Any])?.keys.map { $0 } ?? []) == durationKeys)
        #expect((summary["gaps"] as? [[String: Any]])?.allSatisfy { Set($0.keys) == gapKeys } == true)
        #expect((summary["outages"] as? [[String: Any]])?.allSatisfy { Set($0.keys) == outageKeys } == true)
    }

    @Test("an empty window is still one object, with zeros and nulls")
    func empty() throws {
        let object = try Self.parse(Entries.report([]))
        #expect(object["entries"] as? Int == 0)
        #expect(object["first_entry"] is NSNull)
        let total = try #require(object["total"] as? [String: Any])
        #expect(Set(total.keys) == Self.summaryKeys)
        #expect((total["duration_ms"] as? [String: Any])?["p50"] is NSNull)
        #expect((object["groups"] as? [Any])?.isEmpty == true)
    }
}
