import JournalFormat
import Foundation
import Formats
import Time
@testable import Journal
import Systemd
import Testing

/// `report` on journals other than a live agent's: a copied directory of older entries, journals it cannot open,
/// an empty window.
extension Integration.ReportCommandTests {
    @Test("entries in reclaimd 0.1.0's shape, copied to a journal directory: read, or skipped with a count")
    func olderEntriesInADirectory() async throws {
        try await Journald.ensureRunning()
        let mark = UUID().uuidString
        let start = Timestamp.now()
        try await writeOlderEntries(mark: mark)
        _ = try await Journald.read("RECLAIMD_TEST_MARK=\(mark)", atLeast: 15)
        let copy = try makeScratchDirectory("rdj")
        defer { _ = try? Shell.run("rm -rf '\(copy)'") }
        // Wherever this journald stores (volatile /run or persistent /var), every file, as one would copy them.
        try Shell.succeed(
            """
            for f in /run/log/journal/*/*.journal /var/log/journal/*/*.journal; do
                [ -f "$f" ] && cp "$f" '\(copy)'/"$(echo "$f" | tr / _)"
            done; true
            """)
        let window = ["--since", start.rfc3339, "--match", "RECLAIMD_TEST_MARK=\(mark)"]
        let report = try ReportRun.json(window + ["--directory", copy])
        #expect(report.int("entries") == 15)
        #expect(report.int("duplicate_events") == 1)
        #expect(
            report.object("skipped") as? [String: Int] == [
                "event without RECLAIMD_RESOURCE or RECLAIMD_ACTION": 1, "run without RECLAIMD_OUTCOME": 1,
            ])
        let total = report.object("total")
        let image = total.object("resources").object("image")
        #expect(
            image as? [String: Int] == ["reclaimed_bytes": 3000, "prunes": 2, "prunes_without_bytes": 1, "removals": 1])
        #expect(total.object("resources").object("volume").int("prunes_without_bytes") == 1)
        #expect(total.object("resources").object("container").int("removals") == 1)
        let rule = total.object("rules").object("old")
        #expect(rule.object("outcomes") as? [String: Int] == ["success": 1, "failure": 1, "timeout": 0])
        #expect(rule.object("duration_ms") as? [String: Int] == ["count": 1, "total": 120, "p50": 120, "max": 120])
        #expect(rule.int("trimmed_bytes") == 4096)
        #expect(total.list("gaps").first?["start"] as? String == "2026-11-22T16:00:00.000000000Z")
        #expect(total.list("outages").count == 1)
        #expect(total.list("outages").first?["end"] is String)

        let live = try ReportRun.json(window)
        #expect(
            NSDictionary(dictionary: live.object("total")) == NSDictionary(dictionary: total),
            "the copy reads as the original")
        let text = try ReportRun.run(window + ["--directory", copy])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Skipped 2 entries"))
        #expect(text.stdout.contains("Counted once: 1 event entry"))
    }

    /// Fifteen entries as reclaimd 0.1.0 wrote them (events without RECLAIMD_KIND), some damaged, one repeated.
    private func writeOlderEntries(mark: String) async throws {
        func write(_ id: MessageID, _ fields: [(String, String)], message: String = "as 0.1.0 wrote it") {
            var entry = JournalEntry(message: message, messageID: id)
            for (key, value) in fields + [("test_mark", mark)] { entry.add(key, value) }
            #expect(SystemJournal.send(entry.wireFields(identifier: "reclaimd")) == 0)
        }
        func event(_ resource: String?, _ action: String, bytes: String? = nil, key: String) {
            var fields = resource.map { [("resource", $0)] } ?? []
            fields += [
                ("action", action), ("event_time_ns", "1795363200000000000"), ("engine", "docker"), ("event_key", key),
            ]
            write(.eventReceived, fields + (bytes.map { [("reclaimed_bytes", $0)] } ?? []))
        }
        event("image", "prune", bytes: "3000", key: "00000000000000a1")
        event("volume", "prune", key: "00000000000000a2")
        event("container", "destroy", key: "00000000000000a3")
        event("image", "delete", key: "00000000000000a4")
        event("image", "untag", key: "00000000000000a5")
        event("image", "prune", bytes: "12 MB", key: "00000000000000a6")
        event(nil, "prune", bytes: "1", key: "00000000000000a7")
        event("image", "prune", bytes: "3000", key: "00000000000000a1")
        write(.runFinished, [("rule", "old"), ("run_id", "r1"), ("outcome", "success"), ("duration_ms", "120")])
        write(
            .runFinished,
            [("rule", "old"), ("run_id", "r2"), ("outcome", "failure"), ("exit_status", "1"), ("duration_ms", "n/a")])
        write(.runFinished, [("rule", "old"), ("run_id", "r3"), ("duration_ms", "7")])
        write(
            .hookOutput, [("rule", "old"), ("run_id", "r1"), ("stream", "stdout")],
            message: "/var/lib/docker: 4 KiB (4096 bytes) trimmed")
        write(
            .eventsMayBeMissed,
            [("window_start", "2026-11-22T16:00:00.000000000Z"), ("window_end", "2026-11-22T16:05:00.000000000Z")])
        write(.engineLost, [("engine_host", "unix:///var/run/docker.sock")])
        try await Task.sleep(for: .milliseconds(100))
        write(.engineConnected, [("engine", "docker"), ("engine_host", "unix:///var/run/docker.sock")])
    }

    @Test(
        "a journal directory that is missing, not a directory, empty or unreadable: exit 66 with the path and the reason"
    )
    func unopenableDirectories() throws {
        let parent = try makeScratchDirectory("rdj")
        defer { _ = try? Shell.run("rm -rf '\(parent)'") }
        try Shell.succeed(
            "chmod 755 '\(parent)' && mkdir '\(parent)/empty' '\(parent)/locked' && touch '\(parent)/file'")
        try Shell.succeed("cp /run/log/journal/*/system.journal '\(parent)/locked/' && chmod 700 '\(parent)/locked'")
        let cases: [(directory: String, user: String?, reason: String)] = [
            (parent + "/missing", nil, "No such file or directory"),
            (parent + "/file", nil, "Not a directory"),
            (parent + "/empty", nil, "no journal files in \(parent)/empty"),
            (parent + "/locked", "nobody", "Permission denied"),
        ]
        for (directory, user, reason) in cases {
            let result = try ReportRun.run(["--directory", directory], as: user)
            #expect(result.status == 66, "\(directory): \(result.stderr)")
            #expect(
                result.stderr.hasPrefix("reclaimd: ") && result.stderr.contains(directory)
                    && result.stderr.contains(reason),
                "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("an empty window says so and exits 0, as text and as JSON")
    func emptyWindow() async throws {
        try await Journald.ensureRunning()
        let window = ["--since", "10s", "--match", "RECLAIMD_TEST_MARK=\(UUID().uuidString)"]
        let text = try ReportRun.run(window)
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("No reclaimd entries between "), "\(text.stdout)")
        let json = try ReportRun.json(window)
        #expect(json.int("entries") == 0)
        #expect(json.object("total").int("reclaimed_bytes") == 0)
    }

    @Test(
        "bad arguments: exit 64 naming the argument",
        arguments: [
            (["--match", "no-equals"], "--match"), (["--match", "lower=x"], "lower"),
            (["--match", "MESSAGE_ID=x"], "MESSAGE_ID"), (["--by", "month"], "--by"),
            (["--since", "yesterday"], "--since"),
            (["--since", "1h", "--until", "2h"], "--until"),
        ])
    func badArguments(arguments: [String], named: String) throws {
        let result = try ReportRun.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(named), "\(result.stderr)")
    }
}
