import JournalFormat
import Foundation
import Journal
import Systemd
import Testing

extension Integration {
    /// The filesystem source on a real loop-mounted ext4: space freed that no engine event reports.
    @Suite("filesystem source", .timeLimit(.minutes(3)))
    struct FilesystemSourceTests {
        /// Without `actions` the rule gets the kinds its resource has, `freed` (issue 22): it fires just the same.
        @Test(
            "a 50 MB file deleted on a watched ext4 fires a threshold = 40MB filesystem rule with at least 40 MB",
            arguments: ["actions = [\"freed\"]", "# actions: the default"])
        func deletedFileFiresRule(actionsLine: String) async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                try await LoopFilesystem.with(megabytes: 200) { filesystem in
                    let rule = "freed\(UInt32.random(in: 0...UInt32.max))"
                    let seen = daemon.directory + "/freed-\(rule)"
                    let hook = daemon.directory + "/hook-\(rule)"
                    try "#!/bin/sh\necho \"$RECLAIMD_RECLAIMED_BYTES $RECLAIMD_RESOURCES\" >> '\(seen)'\n".write(
                        toFile: hook, atomically: true, encoding: .utf8)
                    try Shell.succeed("chmod 755 '\(hook)'")
                    let config = daemon.directory + "/reclaimd-\(rule).toml"
                    try """
                    [state]
                    dir = "\(daemon.directory)/state-\(rule)"

                    [filesystem]
                    paths = ["\(filesystem.mountPoint)"]
                    interval = "200ms"

                    [[rule]]
                    name = "\(rule)"
                    resources = ["filesystem"]
                    \(actionsLine)
                    threshold = "40MB"
                    quiet = "0s"
                    hook = ["\(hook)"]
                    """.write(toFile: config, atomically: true, encoding: .utf8)
                    try Shell.succeed(
                        "dd if=/dev/urandom of='\(filesystem.mountPoint)/big' bs=1M count=50 2>/dev/null && sync")
                    let agent = try ReclaimdProcess(
                        ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                        directory: daemon.directory)
                    try await agent.waitUntilConnected()
                    try await Task.sleep(for: .milliseconds(600))  // a baseline sample with the file still there
                    try Shell.succeed("rm '\(filesystem.mountPoint)/big' && sync")
                    try await waitUntil(timeout: .seconds(20), "the filesystem rule's run") {
                        FileManager.default.fileExists(atPath: seen)
                    }
                    #expect(try await agent.stop(signal: SIGTERM) == 0, "\(agent.stderr)")
                    let line =
                        try String(contentsOfFile: seen, encoding: .utf8).split(separator: "\n").first.map(String.init)
                        ?? ""
                    let parts = line.split(separator: " ")
                    let bytes = try #require(parts.first.flatMap { UInt64($0) })
                    #expect(bytes >= 40_000_000, "\(line)")
                    #expect(parts.last == "filesystem")
                    let audit = try agent.journalEntries("RECLAIMD_RESOURCE=filesystem", "RECLAIMD_ACTION=freed")
                    #expect(!audit.isEmpty)
                    #expect(
                        audit.compactMap { $0.string("RECLAIMD_RECLAIMED_BYTES").flatMap(UInt64.init) }.reduce(0, +)
                            >= 50_000_000)
                }
            }
        }

        @Test("events --filesystem prints a freed event for space freed on the path")
        func eventsCommand() async throws {
            try await withDockerDaemon { daemon in
                try await LoopFilesystem.with(megabytes: 100) { filesystem in
                    try Shell.succeed(
                        "dd if=/dev/zero of='\(filesystem.mountPoint)/f' bs=1M count=20 2>/dev/null && sync")
                    let events = try ReclaimdProcess(
                        [
                            "events", "--host", daemon.host, "--json", "--filesystem", filesystem.mountPoint,
                            "--filesystem-interval", "200ms", "--log-target", "stderr",
                        ], directory: daemon.directory)
                    try await Task.sleep(for: .milliseconds(600))  // a baseline sample with the file still there
                    try Shell.succeed("rm '\(filesystem.mountPoint)/f' && sync")
                    try await waitUntil(timeout: .seconds(20), "a freed event") {
                        events.stdout.contains("\"kind\":\"freed\"")
                    }
                    #expect(try await events.stop() == 0)
                    let line = try #require(events.stdoutLines.first { $0.contains("\"freed\"") })
                    #expect(line.contains("\"resource\":\"filesystem\""))
                    #expect(line.contains("\"actor_id\":\"\(filesystem.mountPoint)\""))
                }
            }
        }
    }
}
