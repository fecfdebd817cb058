import JournalFormat
import Foundation
import Formats
import Time
import Journal
import Systemd
import Testing

extension Integration {
    /// `report --by host` over what systemd-journal-remote merged from two machines' journals: this machine's
    /// journald and a second one with its own host name and machine ID, each holding what a real agent journaled
    /// about a real volume prune.
    @Suite("fleet report", .timeLimit(.minutes(4)))
    struct FleetReportTests {
        static let remote = "/lib/systemd/systemd-journal-remote"

        @Test("each machine of journal-remote's output gets its exact bytes; the total is the fleet's")
        func twoMachines() async throws {
            guard FileManager.default.isExecutableFile(atPath: Self.remote) else {
                throw TestFailure("no \(Self.remote): scripts/setup-host installs systemd-journal-remote")
            }
            try await Journald.ensureRunning()
            let start = Timestamp.now()
            try await withDockerDaemon { daemon in
                let other = try await OtherMachineJournald(directory: daemon.directory)
                do {
                    try await check(daemon: daemon, other: other, since: start)
                    await other.stop()
                } catch {
                    await other.stop()
                    throw error
                }
            }
        }

        private func check(daemon: DockerDaemon, other: OtherMachineJournald, since start: Timestamp) async throws {
            let here = try #require(Self.hostname())
            #expect(here != other.hostname)
            // This machine: a 3 MiB volume pruned while its agent follows the engine; the other machine: 5 MiB, its
            // agent journaling to its own journald.
            let (local, localBytes) = try await pruneFollowed(daemon, "here", megabytes: 3, other: nil)
            let (remote, remoteBytes) = try await pruneFollowed(daemon, "other", megabytes: 5, other: other)
            #expect(localBytes == 3_145_728 && remoteBytes == 5_242_880, "the engine reported the files' sizes")

            // Each machine exports its agent's entries; journal-remote merges the streams into one file.
            let exports = daemon.directory + "/exports"
            let merged = daemon.directory + "/merged"
            try Shell.succeed("mkdir -p '\(exports)' '\(merged)'")
            let since = "--since=@\(start.nanoseconds / 1_000_000_000)"
            try Shell.succeed(
                "journalctl -o export \(since) _PID=\(local.child.pid) SYSLOG_IDENTIFIER=reclaimd > '\(exports)/here.export'"
            )
            try Shell.succeed(
                "journalctl -D '\(other.journalDirectory)' -o export _PID=\(remote.child.pid) SYSLOG_IDENTIFIER=reclaimd > '\(exports)/other.export'"
            )
            try Shell.succeed(
                "\(Self.remote) --split-mode=none -o '\(merged)/all.journal' '\(exports)/here.export' '\(exports)/other.export'"
            )

            let report = try ReportRun.json(["--directory", merged, "--by", "host"])
            #expect(report["by"] as? String == "host")
            #expect(report.int("skipped_entries") == 0)
            let groups = report.list("groups")
            #expect(groups.compactMap { $0["key"] as? String } == [here, other.hostname].sorted())
            let byHost = Dictionary(
                uniqueKeysWithValues: groups.compactMap { group in
                    (group["key"] as? String).map { ($0, group) }
                })
            #expect(byHost[here]?.int("reclaimed_bytes") == 3_145_728)
            #expect(byHost[other.hostname]?.int("reclaimed_bytes") == 5_242_880)
            #expect(byHost[here]?.int("runs") == 1 && byHost[other.hostname]?.int("runs") == 1)
            #expect(report.object("total").int("reclaimed_bytes") == 8_388_608)

            let text = try ReportRun.run(["--directory", merged, "--by", "host"])
            #expect(text.status == 0)
            let rows = text.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(rows.contains { $0.first == other.hostname && $0.contains("1") }, "\(text.stdout)")
            #expect(rows.contains { $0.first == "total" }, "\(text.stdout)")
        }

        /// A volume of `megabytes` MiB pruned while an agent (started after the volume was filled, so the prune is the
        /// one event it sees) follows the engine; the stopped agent and the bytes the engine reported.
        private func pruneFollowed(
            _ daemon: DockerDaemon, _ name: String, megabytes: Int, other: OtherMachineJournald?
        ) async throws -> (ReclaimdProcess, UInt64) {
            try fillVolume(daemon, "fleet-\(name)", megabytes: megabytes)
            let agent = try agent(in: daemon.directory + "/\(name)", host: daemon.host, other: other)
            try await wait(agent, .engineConnected, other: other)
            let bytes = try await daemon.prune("/volumes/prune")
            try await wait(agent, .runFinished, other: other)
            #expect(try await agent.stop(signal: SIGTERM) == 0)
            return (agent, bytes)
        }

        /// `reclaimd run` with one rule over the trim selection, journaling here or inside `other`.
        private func agent(in directory: String, host: String, other: OtherMachineJournald?) throws -> ReclaimdProcess {
            try Shell.succeed("mkdir -p '\(directory)'")
            let rule = "fleet\(UInt32.random(in: 0...UInt32.max))"
            let config = try AgentConfigFile.trimSelectionRule(
                in: directory, rule: rule, hookBody: "echo trimmed", quiet: "1s")
            let arguments = ["run", "--config", config, "--host", host, "--log-target", "journal"]
            guard let other else { return try ReclaimdProcess(arguments, directory: directory) }
            let (executable, words) = other.command(ReclaimdBinary.path, arguments)
            return try ReclaimdProcess(words, directory: directory, executable: executable)
        }

        /// Waits for the agent's first entry of `id`, in the journal it writes to.
        private func wait(_ agent: ReclaimdProcess, _ id: MessageID, other: OtherMachineJournald?) async throws {
            let matches = ["_PID=\(agent.child.pid)", "SYSLOG_IDENTIFIER=reclaimd", "MESSAGE_ID=\(id.hex)"]
            try await waitUntil(timeout: .seconds(60), "the agent's \(id.hex) entry") {
                guard agent.isRunning else { throw TestFailure("the agent exited: \(agent.stderr)") }
                if let other { return !(try other.entries(matches)).isEmpty }
                return !(try JournalReader(matches: matches).readAll()).isEmpty
            }
        }

        /// A volume holding one file of `megabytes` MiB, unused.
        private func fillVolume(_ daemon: DockerDaemon, _ name: String, megabytes: Int) throws {
            if (try? daemon.docker("image inspect bb:latest")) == nil { try daemon.importBusyboxImage("bb:latest") }
            try daemon.docker("volume create \(name)")
            try daemon.docker(
                "run --rm -v \(name):/data bb:latest sh -c 'dd if=/dev/zero of=/data/f bs=1048576 count=\(megabytes) 2>/dev/null'"
            )
        }

        private static func hostname() -> String? {
            var buffer = [CChar](repeating: 0, count: 256)
            guard gethostname(&buffer, buffer.count) == 0 else { return nil }
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
