import JournalFormat
import Formats
import Time
import Foundation
import Testing

extension Integration {
    /// `reclaimd status` against a running agent on a real dockerd, and without one.
    @Suite("status: the running agent's state", .timeLimit(.minutes(5)))
    struct StatusCommandTests {
        /// What `status --json` prints (the README's keys).
        struct Status: Decodable {
            struct Engine: Decodable {
                var description: String
                var host: String
                var connected: Bool
                var since: String?
                var reconnects: Int
            }
            struct Rule: Decodable {
                struct LastRun: Decodable {
                    var outcome: String
                    var ended_at: String
                    var duration_ms: Int
                }
                var name: String
                var pending_events: Int
                var pending_bytes: UInt64
                var armed_until: String?
                var running: Bool
                var last_run: LastRun?
            }
            var started_at: String
            var taken_at: String
            var engine: Engine
            var last_event_time: String?
            var events_seen: Int
            var bytes_seen: UInt64
            var rules: [Rule]
            var policies: [String]
        }

        @Test("status shows the engine, a rule's last run and another's pending batch, as text and JSON")
        func statusOfRunningAgent() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let directory = daemon.directory
                let hook = directory + "/hook"
                try "#!/bin/sh\necho ran >> '\(directory)/runs'\n".write(
                    toFile: hook, atomically: true, encoding: .utf8)
                try Shell.succeed("chmod 755 '\(hook)'")
                let config = directory + "/reclaimd.toml"
                try """
                [state]
                dir = "\(directory)/state"

                [[rule]]
                name = "quick"
                resources = ["volume"]
                quiet = "0s"
                hook = ["\(hook)"]

                [[rule]]
                name = "held"
                resources = ["volume"]
                threshold = "1TB"
                hook = ["\(hook)"]
                """.write(toFile: config, atomically: true, encoding: .utf8)
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                    directory: directory)
                try await agent.waitUntilConnected()
                try daemon.createReclaimableResources(
                    volume: "status1", volumeMegabytes: 2, container: "statusc", containerMegabytes: 1)
                let reclaimed = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(30), "the quick rule's run") {
                    let status = try statusJSON(config)
                    return status.rules.first { $0.name == "quick" }?.last_run != nil
                }
                let status = try statusJSON(config)
                #expect(status.engine.connected)
                #expect(status.engine.host == daemon.host)
                #expect(status.engine.reconnects == 0)
                #expect(status.engine.since != nil)
                #expect(status.events_seen == 1)
                #expect(status.bytes_seen == reclaimed)
                #expect(status.policies.isEmpty)
                let quick = try #require(status.rules.first { $0.name == "quick" })
                #expect(quick.last_run?.outcome == "success")
                #expect(quick.pending_events == 0 && quick.pending_bytes == 0 && !quick.running)
                let held = try #require(status.rules.first { $0.name == "held" })
                #expect(held.pending_events == 1)
                #expect(held.pending_bytes == reclaimed)
                #expect(held.armed_until == nil, "below its threshold")
                #expect(held.last_run == nil)

                let text = try Shell.run("'\(ReclaimdBinary.path)' status --config '\(config)'")
                #expect(text.status == 0, "\(text.stderr)")
                #expect(text.stdout.contains("connection:  connected since "))
                #expect(text.stdout.contains("quick: pending 0 events, 0 B; last run: success "), "\(text.stdout)")
                #expect(
                    text.stdout.contains("held: pending 1 event, \(ByteCountText.decimal(reclaimed)); last run: none"),
                    "\(text.stdout)")
                #expect(text.stdout.contains("policies:    none"))
                #expect(try await agent.stop(signal: SIGTERM) == 0, "stderr: \(agent.stderr)")
                #expect(!FileManager.default.fileExists(atPath: directory + "/state/status.sock"), "removed at exit")
            }
        }

        @Test("without a running agent (no socket, or a stale one) status says so and exits 3")
        func statusWithoutAgent() throws {
            let directory = try makeScratchDirectory("rd-status")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let config = directory + "/reclaimd.toml"
            try "[state]\ndir = \"\(directory)/state\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
            let missing = try Shell.run("'\(ReclaimdBinary.path)' status --config '\(config)'")
            #expect(missing.status == 3)
            #expect(missing.stdout.isEmpty)
            #expect(
                missing.stderr
                    == "reclaimd is not running: no agent answers at \(directory)/state/status.sock (No such file or directory)\n"
            )
            // A socket file a killed agent left behind: nobody listens.
            try Shell.succeed(
                "python3 -c 'import socket; s = socket.socket(socket.AF_UNIX); s.bind(\"\(directory)/state/status.sock\")'"
            )
            let stale = try Shell.run("'\(ReclaimdBinary.path)' status --json --config '\(config)'")
            #expect(stale.status == 3)
            #expect(
                stale.stderr.hasPrefix(
                    "reclaimd is not running: no agent answers at \(directory)/state/status.sock (Connection refused)"))
        }

        private func statusJSON(_ config: String) throws -> Status {
            let result = try Shell.run("'\(ReclaimdBinary.path)' status --json --config '\(config)'")
            guard result.status == 0 else { throw TestFailure("status exited \(result.status): \(result.stderr)") }
            return try JSONDecoder().decode(Status.self, from: Data(result.stdout.utf8))
        }
    }
}
