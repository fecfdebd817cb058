import JournalFormat
import Formats
import Time
import Report
import Testing

/// What each garbage-collection policy removed and why, from its removal entries, and why it was evaluated, from
/// its summaries.
@Suite("report: garbage-collection policies")
struct PolicyReportTests {
    private static let records = [
        Entries.policyRemoval("images", reason: "size", size: 20_000_000, removed: true, at: 10),
        Entries.policyRemoval("images", reason: "size", size: 5_000_000, removed: true, at: 11),
        Entries.policyRemoval("images", reason: "max_unused", size: 1_000_000, removed: true, at: 12),
        Entries.policyRemoval("images", reason: "size", size: 9_000_000, removed: false, at: 13),
        Entries.policyRemoval("trial", reason: "size", size: 7_000_000, removed: nil, at: 14),
        Entries.record(.policyRemoval, at: 15, ["RECLAIMD_RESOURCE": "image"]),
        Entries.record(.policyEvaluated, at: 16, ["RECLAIMD_POLICY": "images", "RECLAIMD_TRIGGER": "start"]),
        Entries.record(.policyEvaluated, at: 17, ["RECLAIMD_POLICY": "images", "RECLAIMD_TRIGGER": "interval"]),
        Entries.record(.policyEvaluated, at: 18, ["RECLAIMD_POLICY": "images", "RECLAIMD_TRIGGER": "interval"]),
        Entries.record(.policyEvaluated, at: 19, ["RECLAIMD_POLICY": "trial"]),  // written before triggers
        Entries.record(.policyEvaluated, at: 20, ["RECLAIMD_TRIGGER": "event"]),
    ]

    @Test("removed by reason with their sizes, refused, and what a dry run planned; an unreadable entry is skipped")
    func totals() throws {
        let report = Entries.report(Self.records)
        let images = try #require(report.total.policies["images"])
        #expect(images.removedByReason == ["size": 2, "max_unused": 1])
        #expect(images.removedBytes == 26_000_000)
        #expect(images.refused == 1 && images.planned == 0)
        #expect(report.total.policies["trial"]?.planned == 1 && report.total.policies["trial"]?.removed == 0)
        #expect(
            report.skipped == [
                "policy removal without RECLAIMD_POLICY, RECLAIMD_RESOURCE or RECLAIMD_REASON": 1,
                "policy summary without RECLAIMD_POLICY": 1,
            ])
        #expect(images.evaluationsByTrigger == ["start": 1, "interval": 2] && images.evaluations == 3)
        #expect(report.total.policies["trial"]?.evaluationsByTrigger == ["unknown": 1])
    }

    @Test("text: one row per policy; JSON: the policies object")
    func output() {
        let report = Entries.report(Self.records)
        let text = ReportText.lines(report, bars: false).joined(separator: "\n")
        #expect(
            text.contains(
                """
                  policy  removed  size  max_unused    bytes  refused  dry run  evaluations
                  images        3     2           1  26.0 MB        1        0  3 (1 start, 2 interval)
                  trial         0     0           0      0 B        0        1  1 (1 unknown)
                """), "\(text)")
        let json = ReportJSON.object(report)
        #expect(
            json.contains(
                #""policies":{"images":{"removed":3,"removed_bytes":26000000,"reasons":{"max_unused":1,"size":2},"refused":1,"dry_run_planned":0,"evaluations":3,"triggers":{"interval":2,"start":1}},"trial":{"removed":0,"removed_bytes":0,"reasons":{},"refused":0,"dry_run_planned":1,"evaluations":1,"triggers":{"unknown":1}}}"#
            ), "\(json)")
    }
}
