import JournalFormat
import DockerAPI
import EngineAdapter
import Formats
import Time
import Foundation
import Journal
import Systemd
import Testing

extension Integration {
    /// `reclaimd run` against a real dockerd and journald, with real hook processes.
    @Suite("run: rules and hooks", .timeLimit(.minutes(5)))
    struct RunCommandTests {
        /// Writes an executable root-owned hook script.
        private func writeHook(_ directory: String, _ name: String, _ body: String) throws -> String {
            let path = "\(directory)/\(name)"
            try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try Shell.succeed("chown root:root '\(path)' && chmod 755 '\(path)'")
            return path
        }

        /// A configuration with its own state directory, so no test inherits another's cursor or batches.
        private func writeConfig(_ directory: String, _ text: String) throws -> String {
            let path = "\(directory)/reclaimd.toml"
            try ("[state]\ndir = \"\(directory)/state\"\n\n" + text).write(
                toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        private func runEntries(_ runRule: String, _ messageID: MessageID) throws -> [JournalRecord] {
            try JournalReader(matches: ["RECLAIMD_RULE=\(runRule)", "MESSAGE_ID=\(messageID.hex)"]).readAll()
        }

        @Test("a docker system prune makes one run whose environment and stdin follow the contract")
        func oneRunPerPrune() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let out = daemon.directory + "/hook-out"
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let hook = try writeHook(
                    daemon.directory, "record",
                    """
                    n=$(date +%s%N)
                    env > "\(out)/env-$n"
                    cat > "\(out)/stdin-$n"
                    echo "recorded run $n"
                    echo "a warning line" >&2
                    """)
                let rule = "rec\(UInt32.random(in: 0...UInt32.max))"
                let config = try writeConfig(
                    daemon.directory,
                    """
                    [[rule]]
                    name = "\(rule)"
                    quiet = "2s"
                    hook = ["\(hook)"]
                    env = { EXTRA = "yes" }
                    """)
                try daemon.createReclaimableResources(
                    volume: "run1", volumeMegabytes: 3, container: "runc", containerMegabytes: 2)
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                    directory: daemon.directory, environment: ["LANG": "C.UTF-8", "SECRET_TOKEN": "must-not-leak"])
                // The watcher replays from before the prune, so it sees all of it however late its stream opens.
                let watcher = try ReclaimdProcess(
                    [
                        "events", "--host", daemon.host, "--json", "--log-target", "stderr",
                        "--since", Timestamp.now().rfc3339,
                    ], directory: daemon.directory)
                try await agent.waitUntilConnected()
                try daemon.docker("system prune -af --volumes")
                try await waitUntil(timeout: .seconds(30), "the hook to run") {
                    let written = try FileManager.default.contentsOfDirectory(atPath: out).contains {
                        $0.hasPrefix("stdin-")
                    }
                    let ended = try !runEntries(rule, .runFinished).isEmpty
                    return written && ended
                }
                try await waitUntil(timeout: .seconds(20), "the watcher to print the five prunes") {
                    watcher.stdoutLines.pruneLines.count >= 5
                }
                // A window, not a wait: no second run may start, and it would have by now (longer than quiet, 2 s).
                try await Task.sleep(for: .seconds(4))
                #expect(try await agent.stop(signal: SIGTERM) == 0, "stderr: \(agent.stderr)")
                #expect(try await watcher.stop() == 0)

                let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                #expect(files.filter { $0.hasPrefix("env-") }.count == 1, "exactly one run: \(files)")
                let envFile = try #require(files.first { $0.hasPrefix("env-") })
                let stdinFile = try #require(files.first { $0.hasPrefix("stdin-") })
                var environment: [String: String] = [:]
                for line in try String(contentsOfFile: "\(out)/\(envFile)", encoding: .utf8).split(separator: "\n") {
                    if let equals = line.firstIndex(of: "=") {
                        environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
                    }
                }
                let engineEvents = try PrintedEvent.parse(watcher.stdoutLines)
                let engineTotal = engineEvents.reduce(UInt64(0)) { $0 + ($1.reclaimed_bytes ?? 0) }
                #expect(engineEvents.prunes.count == 5)
                #expect(engineEvents.allSatisfy { $0.kind == "prune" || $0.kind == "remove" })
                #expect(engineTotal >= 5 * 1_048_576)
                #expect(environment["RECLAIMD_RECLAIMED_BYTES"] == String(engineTotal))
                #expect(
                    environment["RECLAIMD_EVENT_COUNT"] == String(engineEvents.count), "the prunes and their removals")
                #expect(environment["RECLAIMD_EVENTS_OMITTED"] == "0")
                #expect(environment["RECLAIMD_RESOURCES"] == "builder,container,image,network,volume")
                #expect(environment["RECLAIMD_RULE"] == rule)
                #expect(environment["RECLAIMD_TRIGGER"] == "quiet")
                #expect(environment["RECLAIMD_ENGINE"] == "docker")
                #expect(environment["RECLAIMD_ENGINE_HOST"] == daemon.host)
                #expect(environment["RECLAIMD_DATA_ROOT"] == daemon.dataRoot)
                #expect(environment["RECLAIMD_FIRST_EVENT_TIME"] == engineEvents.map(\.time).min())
                #expect(environment["RECLAIMD_LAST_EVENT_TIME"] == engineEvents.map(\.time).max())
                #expect(environment["PATH"] == "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                #expect(environment["LANG"] == "C.UTF-8")
                #expect(environment["EXTRA"] == "yes")
                #expect(environment["SECRET_TOKEN"] == nil, "nothing else is inherited")
                // sh itself adds PWD (and SHLVL, _): everything else must come from the contract.
                let allowed: Set<String> = [
                    "PATH", "LANG", "EXTRA", "PWD", "SHLVL", "_", "RECLAIMD_RULE", "RECLAIMD_RECLAIMED_BYTES",
                    "RECLAIMD_EVENT_COUNT", "RECLAIMD_EVENTS_OMITTED", "RECLAIMD_RESOURCES",
                    "RECLAIMD_FIRST_EVENT_TIME", "RECLAIMD_LAST_EVENT_TIME",
                    "RECLAIMD_TRIGGER", "RECLAIMD_ENGINE", "RECLAIMD_ENGINE_HOST", "RECLAIMD_DATA_ROOT",
                ]
                #expect(Set(environment.keys).subtracting(allowed).isEmpty, "\(environment.keys.sorted())")

                // stdin: the batch as a JSON array in the events --json form.
                let stdin = try Data(contentsOf: URL(fileURLWithPath: "\(out)/\(stdinFile)"))
                let batch = try JSONDecoder().decode([PrintedEvent].self, from: stdin)
                #expect(Set(batch) == Set(engineEvents))

                // The journal: start, output lines with their streams, end with success.
                #expect(try runEntries(rule, .runStarted).count == 1)
                let finished = try runEntries(rule, .runFinished)
                #expect(finished.count == 1)
                #expect(finished.first?.string("RECLAIMD_OUTCOME") == "success")
                #expect(finished.first?.string("RECLAIMD_EXIT_STATUS") == "0")
                #expect(finished.first?.string("RECLAIMD_DURATION_MS").flatMap(Int.init) != nil)
                let output = try runEntries(rule, .hookOutput)
                #expect(
                    output.contains {
                        $0.string("RECLAIMD_STREAM") == "stdout"
                            && $0.string("MESSAGE")?.hasPrefix("recorded run") == true && $0.string("PRIORITY") == "6"
                    })
                #expect(
                    output.contains {
                        $0.string("RECLAIMD_STREAM") == "stderr" && $0.string("MESSAGE") == "a warning line"
                            && $0.string("PRIORITY") == "4"
                    })
            }
        }

        @Test("a hook that hangs with a sleeping grandchild is ended at its timeout, grandchild included")
        func timeoutKillsProcessGroup() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let pidFile = daemon.directory + "/grandchild.pid"
                let hook = try writeHook(
                    daemon.directory, "hang",
                    """
                    sleep 1000 &
                    echo $! > "\(pidFile)"
                    trap '' TERM
                    sleep 1000
                    """)
                let rule = "hang\(UInt32.random(in: 0...UInt32.max))"
                let config = try writeConfig(
                    daemon.directory,
                    """
                    [[rule]]
                    name = "\(rule)"
                    resources = ["volume"]
                    quiet = "0s"
                    timeout = "2s"
                    hook = ["\(hook)"]
                    """)
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                    directory: daemon.directory)
                try await agent.waitUntilConnected()
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(10), "the grandchild to start") {
                    FileManager.default.fileExists(atPath: pidFile)
                }
                let grandchild = try #require(
                    Int32(
                        try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(
                            in: .whitespacesAndNewlines)))
                try await waitUntil(timeout: .seconds(30), "the run to end") {
                    !(try runEntries(rule, .runFinished)).isEmpty
                }
                let finished = try runEntries(rule, .runFinished)
                #expect(finished.first?.string("RECLAIMD_OUTCOME") == "timeout")
                #expect(finished.first?.string("RECLAIMD_SIGNAL") != nil, "ended by a signal")
                let duration = Int(finished.first?.string("RECLAIMD_DURATION_MS") ?? "") ?? 0
                #expect(duration >= 2000 && duration < 15_000)
                try await waitUntil(timeout: .seconds(5), "the grandchild to be gone") { processIsGone(grandchild) }
                // The agent goes on: a next batch runs (and times out) too.
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(30), "a second run") {
                    (try runEntries(rule, .runFinished)).count >= 2
                }
                #expect(try await agent.stop(signal: SIGTERM) == 0)
            }
        }

        @Test("a hostile attribute value reaches the hook as inert text")
        func hostileAttributeIsInert() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let marker = daemon.directory + "/pwned"
                let received = daemon.directory + "/received.json"
                let hook = try writeHook(daemon.directory, "receive", "cat > \"\(received)\"")
                let rule = "hostile\(UInt32.random(in: 0...UInt32.max))"
                let config = try writeConfig(
                    daemon.directory,
                    """
                    [[rule]]
                    name = "\(rule)"
                    resources = ["container"]
                    actions = ["destroy"]
                    quiet = "0s"
                    hook = ["\(hook)"]
                    """)
                try daemon.importBusyboxImage("bb:latest")
                let hostile = "$(touch \(marker)); rm -rf / `touch \(marker)`"
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                    directory: daemon.directory)
                try await agent.waitUntilConnected()
                try daemon.docker(
                    "run --rm --label 'evil=\(hostile.replacingOccurrences(of: "'", with: ""))' bb:latest sh -c exit")
                // The run's end, not the file's existence: cat creates the file before it has written the batch.
                try await waitUntil(timeout: .seconds(20), "the hook to receive the event") {
                    !(try runEntries(rule, .runFinished)).isEmpty
                }
                #expect(try await agent.stop(signal: SIGTERM) == 0)
                let batch = try JSONDecoder().decode(
                    [PrintedEvent].self, from: Data(contentsOf: URL(fileURLWithPath: received)))
                #expect(batch.first?.attributes["evil"] == hostile)
                #expect(!FileManager.default.fileExists(atPath: marker), "no shell ever saw the value")
            }
        }

        @Test("check: every error of a broken config as FILE:LINE:COLUMN, exit 78; unsafe hooks refused")
        func checkBrokenConfigs() throws {
            let directory = try makeScratchDirectory("rdc")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let broken = "\(directory)/broken.toml"
            try """
            [[rule]]
            name = "trim"
            threshold = "lots"
            hook = ["/bin/true"]
            colour = "red"
            """.write(toFile: broken, atomically: true, encoding: .utf8)
            let result = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(broken)'")
            #expect(result.status == 78)
            #expect(
                result.stderr.split(separator: "\n").map(String.init) == [
                    "\(broken):3:13: threshold \"lots\" is not a size; expected an integer of bytes, or a number with a unit B, kB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. \"1GiB\", \"1.5 GB\"",
                    "\(broken):5:1: unknown key \"colour\" in [[rule]]; expected one of: name, resources, actions, threshold, quiet, max_delay, cooldown, hook, timeout, env, max_batch_events",
                ])

            let writable = try writeHook(directory, "writable", "true")
            try Shell.succeed("chmod 775 '\(writable)'")
            let notRoot = try writeHook(directory, "nobody", "true")
            try Shell.succeed("chown 65534 '\(notRoot)'")
            let unsafe = "\(directory)/unsafe.toml"
            try """
            [[rule]]
            name = "a"
            hook = ["\(writable)"]

            [[rule]]
            name = "b"
            hook = ["\(notRoot)"]

            [[rule]]
            name = "c"
            hook = ["\(directory)/missing"]
            """.write(toFile: unsafe, atomically: true, encoding: .utf8)
            let refused = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(unsafe)'")
            #expect(refused.status == 78)
            let lines = refused.stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix("\(unsafe):3:1: rule \"a\": hook \(writable) is writable by group or others"))
            #expect(lines[1].hasPrefix("\(unsafe):7:1: rule \"b\": hook \(notRoot) is owned by uid 65534, not root"))
            #expect(
                lines[2].hasPrefix(
                    "\(unsafe):11:1: rule \"c\": hook \(directory)/missing cannot be used: No such file or directory"))
            // run refuses to start on the same file.
            #expect(try Shell.run("'\(ReclaimdBinary.path)' run --config '\(unsafe)' --log-target stderr").status == 78)
            // A valid file: exit 0 and the effective rules.
            let good = "\(directory)/good.toml"
            try "[[rule]]\nname = \"ok\"\nhook = [\"/bin/true\"]\n".write(
                toFile: good, atomically: true, encoding: .utf8)
            let valid = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(good)'")
            #expect(valid.status == 0)
            #expect(
                valid.stdout.contains(
                    "quiet = \"10s\"\nmax_delay = \"1m\"\ncooldown = \"0s\"\nhook = [\"/bin/true\"]\ntimeout = \"10m\"")
            )
        }
    }
}

/// Whether a process is gone (or only a zombie nobody has reaped yet).
func processIsGone(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return true }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
}

extension Integration.RunCommandTests {
    /// The recorded session's removals (rm, rmi) belong to the batches too (default actions: prune and remove).
    @Test("simulate: the recorded system prune gives one run after quiet, the same every time, human and JSON")
    func simulateRecorded() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DockerAPITests/Fixtures/docker-20.10-lifecycle.ndjson").path
        let directory = try makeScratchDirectory("rds")
        defer { _ = try? Shell.run("rm -rf '\(directory)'") }
        let config = "\(directory)/sim.toml"
        try """
        [[rule]]
        name = "trim"
        resources = ["container", "image", "volume", "builder"]
        hook = ["/usr/libexec/reclaimd/hooks/fstrim"]

        [[rule]]
        name = "big"
        threshold = "10MB"
        quiet = "1s"
        hook = ["/bin/true"]
        """.write(toFile: config, atomically: true, encoding: .utf8)  // simulate runs no hook, so none is checked
        let first = try Shell.run("'\(ReclaimdBinary.path)' simulate --config '\(config)' --input '\(fixture)' --json")
        let second = try Shell.run("'\(ReclaimdBinary.path)' simulate --config '\(config)' --json < '\(fixture)'")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout, "deterministic")
        #expect(
            first.stdout.split(separator: "\n") == [
                #"{"time":"2026-11-22T16:23:26.762941289Z","rule":"big","trigger":"quiet","reclaimed_bytes":14565168,"event_count":9}"#,
                #"{"time":"2026-11-22T16:23:35.762941289Z","rule":"trim","trigger":"quiet","reclaimed_bytes":14565168,"event_count":8}"#,
            ])
        let human = try Shell.run(
            "'\(ReclaimdBinary.path)' simulate --config '\(config)' --input '\(fixture)' --hook-duration 30s")
        #expect(
            human.stdout.split(separator: "\n").last
                == "2026-11-22T16:23:35.762941289Z  trim  quiet  14.6 MB (14565168 bytes)  8 events")
        #expect(
            try Shell.run(
                "'\(ReclaimdBinary.path)' simulate --config '\(config)' --input '\(fixture)' --hook-duration soon"
            ).status == 64)
    }

    @Test("--dry-run journals would-run entries and starts no hook")
    func dryRun() async throws {
        try await Journald.ensureRunning()
        try await withDockerDaemon { daemon in
            let marker = daemon.directory + "/ran"
            let hookPath = try writeHook(daemon.directory, "touch", "touch \"\(marker)\"")
            let rule = "dry\(UInt32.random(in: 0...UInt32.max))"
            let config = try writeConfig(
                daemon.directory,
                "[[rule]]\nname = \"\(rule)\"\nresources = [\"volume\"]\nquiet = \"0s\"\nhook = [\"\(hookPath)\"]\n")
            let agent = try ReclaimdProcess(
                ["run", "--dry-run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                directory: daemon.directory)
            try await agent.waitUntilConnected()
            _ = try await daemon.prune("/volumes/prune")
            try await waitUntil(timeout: .seconds(20), "a would-run entry") {
                !(try JournalReader(matches: ["RECLAIMD_RULE=\(rule)", "RECLAIMD_DRY_RUN=true"]).readAll()).isEmpty
            }
            // No window needed: a hook would start right after this entry, and SIGTERM waits for running hooks, so
            // once the agent exited a started hook has touched the marker.
            #expect(try await agent.stop(signal: SIGTERM) == 0)
            #expect(!FileManager.default.fileExists(atPath: marker))
            let started = try JournalReader(matches: [
                "RECLAIMD_RULE=\(rule)", "MESSAGE_ID=\(MessageID.runStarted.hex)",
            ]).readAll()
            #expect(started.first?.string("MESSAGE")?.contains("would run") == true)
        }
    }
}
