import JournalFormat
import Formats
import Time
import Foundation
import Journal
import Systemd
import Testing

extension Integration {
    /// `[metrics]` of `reclaimd run` against a real dockerd, scraped by curl and checked by promtool.
    @Suite("metrics: scrape and textfile", .timeLimit(.minutes(5)))
    struct MetricsTests {
        /// A rule on volume prunes whose hook appends a line to `runs` (quiet 0 s: a run per prune), and `[metrics]`.
        private func writeConfig(
            _ directory: String, rule: String, metrics: String
        ) throws -> (config: String, runs: String) {
            let (config, _) = try AgentConfigFile.volumeRule(
                in: directory, rule: rule, hookBody: "echo ran >> '\(directory)/runs'")
            try (try String(contentsOfFile: config, encoding: .utf8) + "\n\n[metrics]\n" + metrics + "\n")
                .write(toFile: config, atomically: true, encoding: .utf8)
            return (config, directory + "/runs")
        }

        /// Fills a volume with `megabytes` MiB and prunes it through the API; returns the bytes the engine reported.
        private func pruneVolume(_ daemon: DockerDaemon, _ name: String, megabytes: Int) async throws -> UInt64 {
            if (try? daemon.docker("image inspect bb:latest")) == nil { try daemon.importBusyboxImage("bb:latest") }
            try daemon.docker("volume create \(name)")
            try daemon.docker(
                "run --rm -v \(name):/data bb:latest sh -c 'dd if=/dev/zero of=/data/f bs=1048576 count=\(megabytes) 2>/dev/null'"
            )
            return try await daemon.prune("/volumes/prune")
        }

        /// `reclaimd run` on the daemon, once its subscription is open.
        private func startAgent(_ daemon: DockerDaemon, _ config: String) async throws -> ReclaimdProcess {
            let agent = try ReclaimdProcess(
                ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                directory: daemon.directory)
            try await agent.waitUntilConnected()
            return agent
        }

        private func runCount(_ runs: String) -> Int {
            ((try? String(contentsOfFile: runs, encoding: .utf8)) ?? "").split(separator: "\n").count
        }

        @Test("a curl scrape after a real prune and hook run counts exactly them, and promtool accepts it")
        func scrapeAfterPruneAndRun() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let port = try MetricsScrape.freePort()
                let rule = "m\(UInt32.random(in: 0...UInt32.max))"
                let (config, runs) = try writeConfig(
                    daemon.directory, rule: rule, metrics: "listen = \"127.0.0.1:\(port)\"")
                let agent = try await startAgent(daemon, config)
                let before = Timestamp.now()
                let reclaimed = try await pruneVolume(daemon, "metrics1", megabytes: 3)
                let after = Timestamp.now()
                try await waitUntil(timeout: .seconds(30), "the hook to run") { runCount(runs) == 1 }
                try await waitUntil(timeout: .seconds(10), "the run to be counted") {
                    (try? MetricsScrape.samples(MetricsScrape.scrape("http://127.0.0.1:\(port)/metrics")))?[
                        "reclaimd_hook_runs_total{rule=\"\(rule)\",outcome=\"success\"}"] == 1
                }
                let exposition = try MetricsScrape.scrape("http://127.0.0.1:\(port)/metrics")
                try MetricsScrape.promtoolCheck(exposition, directory: daemon.directory)
                let samples = try MetricsScrape.samples(exposition)

                #expect(reclaimed >= 3 * 1_048_576)
                #expect(samples["reclaimd_events_total{resource=\"volume\",action=\"prune\"}"] == 1, "\(exposition)")
                #expect(samples["reclaimd_reclaimed_bytes_total{resource=\"volume\"}"] == Double(reclaimed))
                #expect(samples["reclaimd_hook_runs_total{rule=\"\(rule)\",outcome=\"success\"}"] == 1)
                #expect(samples["reclaimd_hook_duration_seconds_count{rule=\"\(rule)\"}"] == 1)
                #expect(samples["reclaimd_hook_duration_seconds_bucket{rule=\"\(rule)\",le=\"+Inf\"}"] == 1)
                #expect(samples["reclaimd_engine_connected"] == 1)
                #expect(samples["reclaimd_engine_reconnects_total"] == 0)
                #expect(samples["reclaimd_pending_batch_bytes{rule=\"\(rule)\"}"] == 0)
                #expect(samples["reclaimd_journal_fallback_entries_total"] == 0)
                let last = try #require(samples["reclaimd_last_event_timestamp_seconds"])
                #expect(last >= Double(before.seconds) - 1 && last <= Double(after.seconds) + 1, "\(last)")
                // Prometheus' conventions: every metric has HELP and TYPE, and only the endpoint's path answers.
                for name in ["reclaimd_events_total", "reclaimd_hook_duration_seconds", "reclaimd_engine_connected"] {
                    #expect(exposition.contains("# HELP \(name) ") && exposition.contains("# TYPE \(name) "))
                }
                #expect(try Shell.run("curl -sS --fail 'http://127.0.0.1:\(port)/other'").status != 0)
                #expect(try await agent.stop(signal: SIGTERM) == 0, "stderr: \(agent.stderr)")
            }
        }

        @Test("the unix socket variant serves the same exposition on a 0660 socket that is gone after exit")
        func unixSocketListen() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let socket = daemon.directory + "/metrics.sock"
                let rule = "u\(UInt32.random(in: 0...UInt32.max))"
                let (config, runs) = try writeConfig(
                    daemon.directory, rule: rule, metrics: "listen = \"unix://\(socket)\"")
                let agent = try await startAgent(daemon, config)
                let reclaimed = try await pruneVolume(daemon, "metrics2", megabytes: 2)
                try await waitUntil(timeout: .seconds(30), "the hook to run") { runCount(runs) == 1 }
                try await waitUntil(timeout: .seconds(10), "the run to be counted") {
                    (try? MetricsScrape.scrape("http://localhost/metrics", unixSocket: socket))?
                        .contains("reclaimd_hook_runs_total{rule=\"\(rule)\",outcome=\"success\"} 1") == true
                }
                let exposition = try MetricsScrape.scrape("http://localhost/metrics", unixSocket: socket)
                try MetricsScrape.promtoolCheck(exposition, directory: daemon.directory)
                let samples = try MetricsScrape.samples(exposition)
                #expect(samples["reclaimd_reclaimed_bytes_total{resource=\"volume\"}"] == Double(reclaimed))
                let mode = try FileManager.default.attributesOfItem(atPath: socket)[.posixPermissions] as? Int
                #expect(mode == 0o660)
                #expect(try await agent.stop(signal: SIGTERM) == 0, "stderr: \(agent.stderr)")
                #expect(!FileManager.default.fileExists(atPath: socket), "the socket is removed at exit")
            }
        }

        @Test("the textfile is replaced atomically: a reader never sees half a file, and the last one has every count")
        func textfileIsAtomic() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let textfile = daemon.directory + "/node-exporter/reclaimd.prom"
                try FileManager.default.createDirectory(
                    atPath: daemon.directory + "/node-exporter", withIntermediateDirectories: true)
                let rule = "t\(UInt32.random(in: 0...UInt32.max))"
                let (config, runs) = try writeConfig(
                    daemon.directory, rule: rule, metrics: "textfile = \"\(textfile)\"")
                let agent = try await startAgent(daemon, config)
                try await waitUntil(timeout: .seconds(10), "the first textfile") {
                    FileManager.default.fileExists(atPath: textfile)
                }
                let reader = Task { try TextfileReader.readUntilCancelled(textfile) }
                var total: UInt64 = 0
                let prunes = 4
                for index in 0..<prunes {
                    total += try await pruneVolume(daemon, "textfile\(index)", megabytes: 1)
                    try await Task.sleep(for: .seconds(3))  // spread over several of the textfile's 5 s intervals
                }
                try await waitUntil(timeout: .seconds(30), "every run") { runCount(runs) == prunes }
                try await Task.sleep(for: .seconds(6))  // one more interval: the last change is written
                reader.cancel()
                let reads = try await reader.value
                #expect(try await agent.stop(signal: SIGTERM) == 0, "stderr: \(agent.stderr)")

                #expect(reads.count > 100, "the reader kept reading: \(reads.count) reads")
                #expect(
                    reads.replacements >= 3,
                    "the agent rewrote the file while it was read: \(reads.replacements) replacements")
                let final = try String(contentsOfFile: textfile, encoding: .utf8)
                try MetricsScrape.promtoolCheck(final, directory: daemon.directory)
                let samples = try MetricsScrape.samples(final)
                #expect(samples["reclaimd_events_total{resource=\"volume\",action=\"prune\"}"] == Double(prunes))
                #expect(samples["reclaimd_reclaimed_bytes_total{resource=\"volume\"}"] == Double(total))
                #expect(samples["reclaimd_hook_runs_total{rule=\"\(rule)\",outcome=\"success\"}"] == Double(prunes))
                let mode = try FileManager.default.attributesOfItem(atPath: textfile)[.posixPermissions] as? Int
                #expect(mode == 0o644)
            }
        }
    }
}

/// Reads a file over and over, as node_exporter's collector would, checking that each read is a whole
/// exposition (ends in a newline, every line a comment or a sample, the last metric present).
enum TextfileReader {
    struct Reads: Sendable {
        var count = 0
        /// How many times the file read was another one than the read before (its inode changed).
        var replacements = 0
    }

    static func readUntilCancelled(_ path: String) throws -> Reads {
        var reads = Reads()
        var lastInode: UInt64?
        while !Task.isCancelled {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw TestFailure("the textfile \(path) is missing")
            }
            var status = stat()
            fstat(handle.fileDescriptor, &status)
            let data = handle.readDataToEndOfFile()
            try handle.close()
            let text = String(decoding: data, as: UTF8.self)
            _ = try MetricsScrape.samples(text)
            guard text.contains("# TYPE reclaimd_") else { throw TestFailure("a read without metrics: \(text)") }
            if let lastInode, lastInode != UInt64(status.st_ino) { reads.replacements += 1 }
            lastInode = UInt64(status.st_ino)
            reads.count += 1
            usleep(2_000)
        }
        return reads
    }
}
