import JournalFormat
import AgentCore
import AgentRuntime
import Foundation
import Journal
import Systemd
import Testing

extension Integration {
    /// The hooks in `hooks/`, run for real: fstrim on a loop-mounted ext4, the webhook against a local server.
    @Suite("shipped hooks", .timeLimit(.minutes(5)))
    struct ShippedHooksTests {
        private let contractPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

        /// Runs a hook as reclaimd would: only the given environment, stdin from a file.
        private func runHook(
            _ name: String, _ arguments: [String] = [], environment: [String: String], stdin: String = "[]"
        ) throws -> Shell.Result {
            let input = try makeScratchDirectory("rdh") + "/stdin"
            try stdin.write(toFile: input, atomically: true, encoding: .utf8)
            defer { _ = try? FileManager.default.removeItem(atPath: (input as NSString).deletingLastPathComponent) }
            let env = environment.map { "'\($0.key)=\($0.value)'" }.joined(separator: " ")
            let args = arguments.map { "'\($0)'" }.joined(separator: " ")
            return try Shell.run("env -i \(env) '\(ShippedHooks.path(name))' \(args) < '\(input)'")
        }

        @Test("every hook is POSIX sh that passes sh -n and shellcheck")
        func lint() throws {
            for hook in ["fstrim", "webhook", "log-summary"] {
                let path = ShippedHooks.path(hook)
                #expect(try Shell.run("sh -n '\(path)'").status == 0, "\(hook)")
                let check = try Shell.run("shellcheck --shell=sh '\(path)'")
                #expect(check.status == 0, "\(hook): \(check.stdout)")
                #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("#!/bin/sh\n"))
            }
        }

        @Test(
            "fstrim trims a real loop-mounted ext4 after data was written and deleted; --min-bytes; refused without CAP_SYS_ADMIN"
        )
        func fstrimOnExt4() async throws {
            try await LoopFilesystem.with { filesystem in
                try Shell.succeed(
                    "dd if=/dev/urandom of='\(filesystem.mountPoint)/data' bs=1M count=50 2>/dev/null && sync && rm '\(filesystem.mountPoint)/data' && sync"
                )
                let result = try runHook(
                    "fstrim", environment: ["PATH": contractPath, "RECLAIMD_DATA_ROOT": filesystem.mountPoint])
                #expect(result.status == 0, "\(result.stderr)")
                let trimmed = trimmedBytes(result.stdout)
                #expect(trimmed != nil && trimmed ?? 0 > 0, "\(result.stdout)")
                // Paths as arguments; --min-bytes above the batch skips, below it trims.
                let skipped = try runHook(
                    "fstrim", ["--min-bytes", "1000", filesystem.mountPoint],
                    environment: ["PATH": contractPath, "RECLAIMD_RECLAIMED_BYTES": "999"])
                #expect(skipped.status == 0)
                #expect(skipped.stdout == "skipped: 999 bytes reclaimed, below --min-bytes 1000\n")
                let trimmedAgain = try runHook(
                    "fstrim", ["--min-bytes=1000", filesystem.mountPoint],
                    environment: ["PATH": contractPath, "RECLAIMD_RECLAIMED_BYTES": "1000"])
                #expect(trimmedAgain.status == 0)
                #expect(trimmedAgain.stdout.contains("trimmed"))
                // Without CAP_SYS_ADMIN (as nobody), on this same filesystem: the clear refusal.
                let asNobody = try Shell.run(
                    "setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=\(contractPath) RECLAIMD_DATA_ROOT='\(filesystem.mountPoint)' '\(ShippedHooks.path("fstrim"))' </dev/null"
                )
                #expect(asNobody.status == 77)
                #expect(
                    asNobody.stderr
                        == "fstrim hook: not permitted to trim \(filesystem.mountPoint): fstrim needs CAP_SYS_ADMIN (run the agent as root)\n"
                )
            }
        }

        @Test("fstrim fails with one clear line: no discard (tmpfs), fstrim missing, bad usage")
        func fstrimFailures() throws {
            let tmpfs = try makeScratchDirectory("rdtmp")
            try Shell.succeed("mount -t tmpfs tmpfs '\(tmpfs)'")
            defer { _ = try? Shell.run("umount '\(tmpfs)'; rmdir '\(tmpfs)'") }
            let noDiscard = try runHook("fstrim", environment: ["PATH": contractPath, "RECLAIMD_DATA_ROOT": tmpfs])
            #expect(noDiscard.status == 1)
            #expect(
                noDiscard.stderr
                    == "fstrim hook: the filesystem at \(tmpfs) does not support discard (normal for tmpfs and some disks); nothing trimmed\n"
            )

            let missing = try runHook("fstrim", environment: ["PATH": "/nonexistent", "RECLAIMD_DATA_ROOT": tmpfs])
            #expect(missing.status == 69)
            #expect(missing.stderr == "fstrim hook: fstrim is not installed (Debian package util-linux)\n")

            #expect(try runHook("fstrim", environment: ["PATH": contractPath]).status == 2)
            #expect(
                try runHook(
                    "fstrim", ["--min-bytes", "lots"], environment: ["PATH": contractPath, "RECLAIMD_DATA_ROOT": tmpfs]
                ).status == 2)
        }

        @Test(
            "webhook: the body is the batch JSON; 500 is retried then fails; an unreachable port fails within the timeout"
        )
        func webhook() async throws {
            let scratch = try makeScratchDirectory("rdw")
            defer { _ = try? Shell.run("rm -rf '\(scratch)'") }
            let batch =
                #"[{"time":"2026-11-22T16:23:25.762178784Z","time_nano":1795364605762178784,"engine":"docker","resource":"image","action":"prune","reclaimed_bytes":9322288,"actor_id":"","attributes":{"reclaimed":"9322288"}}]"#

            let ok = try await RecordingHTTPServer(status: 200, scratch: scratch)
            defer { ok.stop() }
            let delivered = try runHook(
                "webhook", ["http://user:s3cret@127.0.0.1:\(ok.port)/hook?token=t0ken"],
                environment: ["PATH": contractPath], stdin: batch)
            #expect(delivered.status == 0, "\(delivered.stderr)")
            #expect(ok.requests == [Data(batch.utf8)])
            #expect(
                delivered.stdout
                    == "delivered \(batch.utf8.count) bytes to http://***@127.0.0.1:\(ok.port)/hook?***: HTTP 200\n")
            #expect(
                !(delivered.stdout + delivered.stderr).contains("s3cret")
                    && !(delivered.stdout + delivered.stderr).contains("t0ken"))

            let failing = try await RecordingHTTPServer(status: 500, scratch: scratch)
            defer { failing.stop() }
            let refused = try runHook(
                "webhook",
                environment: [
                    "PATH": contractPath, "RECLAIMD_WEBHOOK_RETRIES": "2",
                    "RECLAIMD_WEBHOOK_URL": "http://127.0.0.1:\(failing.port)/x",
                ], stdin: batch)
            #expect(refused.status == 1)
            #expect(
                refused.stderr == "webhook hook: http://127.0.0.1:\(failing.port)/x answered HTTP 500 after 2 retries\n"
            )
            #expect(failing.requests.count == 3, "one attempt and two retries")
            #expect(failing.requests.allSatisfy { $0 == Data(batch.utf8) })

            // A port where nothing listens: bind one, then release it.
            let port =
                try Int(
                    Shell.succeed(
                        "python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); print(s.getsockname()[1])'"
                    )
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
            let started = ContinuousClock.now
            let unreachable = try runHook(
                "webhook", ["http://127.0.0.1:\(port)/"],
                environment: [
                    "PATH": contractPath, "RECLAIMD_WEBHOOK_RETRIES": "2", "RECLAIMD_WEBHOOK_CONNECT_TIMEOUT": "2",
                    "RECLAIMD_WEBHOOK_TOTAL_TIME": "10",
                ], stdin: batch)
            let elapsed = ContinuousClock.now - started
            #expect(unreachable.status == 1)
            #expect(
                unreachable.stderr.hasPrefix(
                    "webhook hook: could not deliver to http://127.0.0.1:\(port)/ after 2 retries:"))
            #expect(elapsed < .seconds(15), "bounded by the timeouts: \(elapsed)")
        }

        @Test("log-summary prints one line from the contract variables and stdin")
        func logSummary() throws {
            let result = try runHook(
                "log-summary",
                environment: [
                    "PATH": contractPath, "RECLAIMD_RULE": "trim", "RECLAIMD_RECLAIMED_BYTES": "9322288",
                    "RECLAIMD_EVENT_COUNT": "2",
                    "RECLAIMD_RESOURCES": "image,volume", "RECLAIMD_FIRST_EVENT_TIME": "2026-11-22T16:23:25Z",
                    "RECLAIMD_LAST_EVENT_TIME": "2026-11-22T16:23:26Z", "RECLAIMD_TRIGGER": "quiet",
                ], stdin: #"[{"time_nano":1,"attributes":{"x":"$(reboot)"}},{"time_nano":2}]"#)
            #expect(result.status == 0)
            #expect(
                result.stdout
                    == "rule trim: 9.3 MB reclaimed (9322288 bytes) by 2 events [image,volume] from 2026-11-22T16:23:25Z to 2026-11-22T16:23:26Z, fired by quiet; 2 objects on stdin\n"
            )
        }

        @Test(
            "the whole chain: dockerd on a loop-mounted ext4, reclaimd run with the trim rule, a system prune: one fstrim run, its bytes in the journal"
        )
        func wholeChain() async throws {
            try await Journald.ensureRunning()
            try await LoopFilesystem.with(megabytes: 600) { filesystem in
                try await withDockerDaemon(dataRoot: filesystem.mountPoint + "/docker") { daemon in
                    let rule = "trim-\(UInt32.random(in: 0...UInt32.max))"
                    let config = daemon.directory + "/trim.toml"
                    // The built-in rule's settings, pointed at the repository's fstrim hook.
                    try """
                    [state]
                    dir = "\(daemon.directory)/state"

                    [[rule]]
                    name = "\(rule)"
                    resources = ["container", "image", "volume", "builder"]
                    hook = ["\(ShippedHooks.path("fstrim"))"]
                    """.write(toFile: config, atomically: true, encoding: .utf8)
                    try daemon.createReclaimableResources(
                        volume: "vmdata", volumeMegabytes: 20, container: "build", containerMegabytes: 10)
                    try daemon.importBusyboxImage("extra:1")
                    let agent = try ReclaimdProcess(
                        ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                        directory: daemon.directory)
                    try await agent.waitUntilConnected()
                    try daemon.docker("system prune -af --volumes")
                    func entries(_ id: MessageID) throws -> [JournalRecord] {
                        try JournalReader(matches: ["RECLAIMD_RULE=\(rule)", "MESSAGE_ID=\(id.hex)"]).readAll()
                    }
                    try await waitUntil(timeout: .seconds(40), "the fstrim run to end") {
                        !(try entries(.runFinished)).isEmpty
                    }
                    #expect(try await agent.stop(signal: SIGTERM) == 0)
                    // One run, and none due: the state the agent left holds no pending event for the rule (a wait
                    // could not show that in reasonable time: the rule's quiet is 10 s).
                    #expect(try entries(.runStarted).count == 1, "exactly one fstrim run")
                    let saved = try #require(try savedState(daemon.directory + "/state"))
                    #expect(saved.rules[rule]?.pending.isEmpty == true, "no second run due")
                    let finished = try entries(.runFinished)
                    #expect(finished.count == 1)
                    #expect(finished.first?.string("RECLAIMD_OUTCOME") == "success")
                    #expect(Int(finished.first?.string("RECLAIMD_RECLAIMED_BYTES") ?? "") ?? 0 >= 30 * 1_048_576)
                    let output = try entries(.hookOutput).compactMap { $0.string("MESSAGE") }
                    let trimmed = output.compactMap(trimmedBytes).first
                    #expect(trimmed != nil && trimmed ?? 0 > 0, "fstrim's report in the journal: \(output)")
                }
            }
        }
    }
}

/// The byte count in fstrim's report: `DIR: 181.9 MiB (190755840 bytes) trimmed`.
func trimmedBytes(_ report: String) -> UInt64? {
    guard let open = report.range(of: "("), let close = report.range(of: " bytes) trimmed") else { return nil }
    return UInt64(report[open.upperBound..<close.lowerBound])
}
