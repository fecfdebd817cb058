import JournalFormat
import AgentCore
import AgentRuntime
import Foundation
import Journal
import Systemd
import Testing

extension Integration {
    /// Holes the agent core had, each shown against the real engine, journald and processes.
    @Suite("agent core: restart safety, engine info, early SIGHUP", .timeLimit(.minutes(3)))
    struct AgentCoreTests {
        private func configuration(
            _ daemon: DockerDaemon, rule: String, hookBody: String
        ) throws -> (config: String, state: String) {
            try AgentConfigFile.volumeRule(in: daemon.directory, rule: rule, hookBody: hookBody)
        }

        /// Opens a FIFO for writing once a reader waits in its open(2) (before that, O_NONBLOCK fails with ENXIO).
        private func openWhenReaderWaits(_ fifo: String) async throws -> Int32 {
            var descriptor: Int32 = -1
            try await waitUntil(timeout: .seconds(20), "a reader of \(fifo)") {
                descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
                return descriptor >= 0
            }
            return descriptor
        }

        private func processIsAlive(_ pid: Int32) -> Bool {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            return !stat.isEmpty && !stat.contains(") Z ")
        }

        @Test(
            "hole 3: a restart leaves alone a process group that only has the stored number (its leader gone, or another boot)"
        )
        func foreignGroupSurvives() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let rule = "foreign\(UInt32.random(in: 0...UInt32.max))"
                let (config, state) = try configuration(daemon, rule: rule, hookBody: "exit 0")
                // Someone else's group: its leader has exited, a member sleeps on. Its number is what the state remembers.
                let memberFile = daemon.directory + "/member"
                // The leader is our child, so we reap it: its number then names no process, only the group.
                let leader = try ChildProcess(
                    "/bin/sh", ["-c", "sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \(memberFile)"],
                    newSession: true)
                let group = leader.pid
                _ = leader.waitBlocking()
                let member = try #require(
                    Int32(
                        try String(contentsOfFile: memberFile, encoding: .utf8).trimmingCharacters(
                            in: .whitespacesAndNewlines)))
                defer { kill(-group, SIGKILL) }
                #expect(!FileManager.default.fileExists(atPath: "/proc/\(group)"), "the leader is gone")
                #expect(processIsAlive(member))

                let program = "\(daemon.directory)/hook-\(rule)"
                let v1 =
                    #"{"version":1,"cursorKeys":[],"rules":{"\#(rule)":{"pending":[],"inFlight":[],"inFlightProcessGroup":\#(group),"inFlightProgram":"\#(program)"}}}"#
                func v2(bootID: String) -> String {
                    #"{"version":2,"cursorKeys":[],"rules":{"\#(rule)":{"pending":[],"inFlight":[],"inFlightProcessGroup":\#(group),"inFlightProgram":"\#(program)","inFlightBootID":"\#(bootID)","inFlightLeaderStartTime":1}}}"#
                }
                // As reclaimd 0.1.0 wrote it (no boot, no start time), then with this boot, then with another.
                for stored in [v1, v2(bootID: ProcessInspection.bootID() ?? ""), v2(bootID: "another-boot")] {
                    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
                    try stored.write(toFile: state + "/state.json", atomically: true, encoding: .utf8)
                    let agent = try ReclaimdProcess(
                        ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                        directory: daemon.directory)
                    try await agent.waitUntilConnected()
                    #expect(try await agent.stop(signal: SIGTERM) == 0, "\(agent.stderr)")
                    #expect(processIsAlive(member), "the stranger's process survived the restart from \(stored)")
                }
                let said = try JournalReader(matches: ["SYSLOG_IDENTIFIER=reclaimd", "PRIORITY=6"]).readAll()
                    .compactMap { $0.string("MESSAGE") }.filter { $0.hasPrefix("not ending process group \(group),") }
                #expect(said.count == 3, "\(said)")
            }
        }

        @Test("hole 4: GET /info failing is logged and retried with backoff; no hook starts without the data root")
        func infoFailureRetried() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let proxy = try SocketProxy(target: daemon.socketPath, directory: daemon.directory, infoFailures: 3)
                defer { proxy.stop() }
                let rule = "info\(UInt32.random(in: 0...UInt32.max))"
                let seen = daemon.directory + "/data-root-\(rule)"
                let (config, _) = try configuration(
                    daemon, rule: rule, hookBody: "echo \"$RECLAIMD_DATA_ROOT\" >> '\(seen)'")
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", "unix://" + proxy.socketPath, "--log-target", "journal"],
                    directory: daemon.directory)
                try await agent.waitUntilConnected()
                let warnings = try agent.journalEntries("MESSAGE_ID=\(MessageID.engineLost.hex)")
                    .compactMap { $0.string("MESSAGE") }
                #expect(warnings.first?.contains("cannot read the engine's data root") == true, "\(warnings)")
                #expect(warnings.first?.contains("injected failure of GET /info") == true)
                try daemon.docker("volume create \(rule)")
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(20), "the hook's run") {
                    FileManager.default.fileExists(atPath: seen)
                }
                #expect(try await agent.stop(signal: SIGTERM) == 0)
                let info = try await daemon.client.info(try await daemon.client.ping())
                #expect(try String(contentsOfFile: seen, encoding: .utf8) == info.dockerRootDir + "\n")
                #expect(!info.dockerRootDir.isEmpty)
            }
        }

        @Test("hole 7: a SIGHUP before the agent listens is kept, not fatal, and reloads once it listens")
        func earlyHangup() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let rule = "hup\(UInt32.random(in: 0...UInt32.max))"
                let (file, _) = try configuration(daemon, rule: rule, hookBody: "exit 0")
                let text = try String(contentsOfFile: file, encoding: .utf8)
                // The configuration is a FIFO: the agent waits in its open(2) until the test writes, which is a point
                // before its loop listens for signals, and one the test can see.
                let fifo = daemon.directory + "/config-\(rule).fifo"
                #expect(mkfifo(fifo, 0o600) == 0)
                let agent = try ReclaimdProcess(
                    ["run", "--config", fifo, "--host", daemon.host, "--log-target", "journal"],
                    directory: daemon.directory)
                let bytes = Array(text.utf8)
                let first = try await openWhenReaderWaits(fifo)
                agent.child.signal(SIGHUP)
                try await Task.sleep(for: .milliseconds(200))  // time for a fatal signal to be fatal
                #expect(agent.isRunning, "SIGHUP before the loop listens ended the agent: \(agent.stderr)")
                #expect(write(first, bytes, bytes.count) == bytes.count)
                close(first)
                // Once it has read the file (it says it is starting), the reload it kept opens the file again.
                try await waitUntil(timeout: .seconds(20), "the agent to start") {
                    try agent.journalEntries()
                        .contains {
                            $0.string("MESSAGE")?.hasPrefix("reclaimd ") == true
                                && $0.string("MESSAGE")?.contains(" starting: ") == true
                        }
                }
                let second = try await openWhenReaderWaits(fifo)
                #expect(write(second, bytes, bytes.count) == bytes.count)
                close(second)
                try await waitUntil(timeout: .seconds(30), "the kept reload") {
                    !(try agent.journalEntries("MESSAGE=reloaded the configuration: 1 rules")).isEmpty
                }
                #expect(try await agent.stop(signal: SIGTERM) == 0, "\(agent.stderr)")
            }
        }
    }
}
