import JournalFormat
import Foundation
import Formats
import Time
@testable import Journal
import Systemd
import Testing

extension Integration {
    /// `reclaimd report` on what a real agent journaled against a real dockerd and journald, on entries in reclaimd
    /// 0.1.0's shape copied to a journal directory, and on journals it cannot open.
    @Suite("report", .timeLimit(.minutes(4)))
    struct ReportCommandTests {
        /// The fake fstrim report the test hook prints on success.
        static let trimmedBytes: UInt64 = 1_234_567

        @Test("a live agent's prunes, removals, runs, trims and engine outage, as report --json and text show them")
        func liveAgent() async throws {
            try await Journald.ensureRunning()
            let start = Timestamp.now()
            try await withDockerDaemon { daemon in
                try daemon.createReclaimableResources(
                    volume: "rv", volumeMegabytes: 3, container: "rc", containerMegabytes: 2)
                try daemon.docker("create --name gone bb:latest true")
                try daemon.docker("volume create gone")
                let agent = try ReportAgent(host: daemon.host, directory: daemon.directory)
                try await agent.waitForEntries(.engineConnected, 1)
                try daemon.docker("rm gone")
                try await agent.waitForEntries(.runFinished, 1)
                let containerBytes = try await daemon.prune("/containers/prune")
                try await agent.waitForEntries(.runFinished, 2)
                try daemon.docker("volume rm gone")
                try await agent.waitForEntries(.runFinished, 3)
                let volumeBytes = try await daemon.prune("/volumes/prune")
                try await agent.waitForEntries(.runFinished, 4)
                await daemon.stop()
                try await agent.waitForEntries(.engineLost, 1)
                try await daemon.start()
                try await agent.waitForEntries(.engineConnected, 2)
                #expect(try await agent.process.stop(signal: SIGTERM) == 0)

                let window = ["--since", start.rfc3339, "--match", "_PID=\(agent.process.child.pid)"]
                let report = try ReportRun.json(window)
                try checkLive(report, agent: agent, containerBytes: containerBytes, volumeBytes: volumeBytes)
                try checkLiveText(window, agent: agent, containerBytes: containerBytes)
            }
        }

        private func checkLive(
            _ report: [String: Any], agent: ReportAgent, containerBytes: UInt64, volumeBytes: UInt64
        ) throws {
            #expect(report.int("skipped_entries") == 0)
            #expect(report.int("entries") == (try agent.entries().count))
            let total = report.object("total")
            let resources = total.object("resources")
            #expect(Set(resources.keys) == ["container", "volume"])
            #expect(resources.object("container").int("reclaimed_bytes") == Int(containerBytes))
            #expect(resources.object("container").int("prunes") == 1)
            #expect(resources.object("container").int("removals") == 2, "docker rm, and the prune's removal of rc")
            #expect(resources.object("volume").int("reclaimed_bytes") == Int(volumeBytes))
            #expect(
                resources.object("volume").int("removals") == 1,
                "docker volume rm (Docker 20.10's volume prune sends no removals)")
            #expect(total.int("reclaimed_bytes") == Int(containerBytes + volumeBytes))
            #expect(containerBytes >= 2 << 20 && volumeBytes >= 3 << 20, "real data was pruned")
            let rule = total.object("rules").object(agent.rule)
            #expect(rule.int("runs") == 4)
            #expect(rule.object("outcomes") as? [String: Int] == ["success": 2, "failure": 2, "timeout": 0])
            let durations = rule.object("duration_ms")
            #expect(durations.int("count") == 4)
            #expect((durations.int("p50") ?? -1) <= (durations.int("max") ?? -2))
            #expect(rule.int("trimmed_bytes") == Int(2 * Self.trimmedBytes))
            #expect(total.int("trim_reports") == 2)
            // The space account: the engines' figure and fstrim's side by side, as the journal holds them.
            let account = total.object("account")
            #expect(account.int("reported_bytes") == Int(containerBytes + volumeBytes))
            #expect(account.int("trimmed_bytes") == Int(2 * Self.trimmedBytes))
            #expect(account.int("trim_reports") == 2)
            #expect(account.int("filesystem_freed_bytes") == total.int("filesystem_freed_bytes"))
            #expect(total.list("gaps").count == (try agent.entries(.eventsMayBeMissed).count))
            let outages = total.list("outages")
            #expect(outages.count == 1)
            #expect(outages.first?["end"] is String)
            #expect(outages.first?.int("pid") == Int(agent.process.child.pid))
            #expect((outages.first?.int("duration_ms") ?? 0) > 0)
            #expect(total.int("disconnected_ms") == outages.first?.int("duration_ms"))
        }

        private func checkLiveText(_ window: [String], agent: ReportAgent, containerBytes: UInt64) throws {
            let text = try ReportRun.run(window)
            #expect(text.status == 0)
            let lines = text.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines.contains { $0.hasPrefix("  container") && $0.contains(ByteCountText.decimal(containerBytes)) },
                "\(text.stdout)")
            #expect(
                lines.contains {
                    $0.hasPrefix("  \(agent.rule)")
                        && $0.split(separator: " ").prefix(5) == ["\(agent.rule)", "4", "2", "2", "0"]
                })
            #expect(text.stdout.contains("(\(2 * Self.trimmedBytes) bytes) in 2 reports"))
            #expect(text.stdout.contains("Engine outages: 1,"))
            let byDay = try ReportRun.run(window + ["--by", "day"])
            #expect(byDay.status == 0)
            let days = [CalendarDay(agent.started), CalendarDay(Timestamp.now())]  // the test may cross midnight
            #expect(days.contains { byDay.stdout.contains("\n  \($0.description) ") }, "\(byDay.stdout)")
            #expect(!byDay.stdout.contains("█"), "no bars when stdout is not a terminal")
        }
    }
}

/// `reclaimd run` with one rule over the default trim rule's selection whose hook prints a fake fstrim report,
/// and fails for volume batches, so runs have both outcomes. Its rule name is random: the journal holds others'.
struct ReportAgent {
    let process: ReclaimdProcess
    let rule: String
    let started = Timestamp.now()

    init(host: String, directory: String) throws {
        rule = "report\(UInt32.random(in: 0...UInt32.max))"
        let hookBody = """
            case "$RECLAIMD_RESOURCES" in *volume*) echo "volume batches fail in this test" >&2; exit 3 ;; esac
            echo "$RECLAIMD_DATA_ROOT: 1.2 MiB (\(Integration.ReportCommandTests.trimmedBytes) bytes) trimmed"
            """
        let config = try AgentConfigFile.trimSelectionRule(in: directory, rule: rule, hookBody: hookBody, quiet: "1s")
        process = try ReclaimdProcess(
            ["run", "--config", config, "--host", host, "--log-target", "journal"], directory: directory)
    }

    /// The kinds of entry report reads, named here on their own rather than taken from the code under test.
    static let reportedKinds: [MessageID] = [
        .eventReceived, .runFinished, .hookOutput, .eventsMayBeMissed, .engineLost, .engineConnected,
    ]

    /// This agent's entries of the kinds report reads, or of one kind.
    func entries(_ id: MessageID? = nil) throws -> [JournalRecord] {
        let kinds = id.map { [$0] } ?? Self.reportedKinds
        return try JournalReader(
            matches: ["_PID=\(process.child.pid)", "SYSLOG_IDENTIFIER=reclaimd"]
                + kinds.map { "MESSAGE_ID=\($0.hex)" }
        ).readAll()
    }

    /// Waits until this agent journaled `count` entries of `id`.
    func waitForEntries(_ id: MessageID, _ count: Int) async throws {
        try await waitUntil(timeout: .seconds(60), "\(count) \(id.hex) entries of the agent") {
            try entries(id).count >= count
        }
    }
}
