import JournalFormat
import AgentCore
import AgentRuntime
import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Foundation
import Journal
import Rules
import Systemd
import Testing

extension Integration {
    /// The agent loses nothing across its own death: fault tests against the real dockerd and journald.
    @Suite("reliability: state, resume, stop", .timeLimit(.minutes(5)))
    struct ReliabilityTests {
        private func setUp(
            _ daemon: DockerDaemon, hookBody: String, rule: String, threshold: String = "0", quiet: String = "0s"
        ) throws -> (config: String, state: String) {
            try AgentConfigFile.volumeRule(
                in: daemon.directory, rule: rule, hookBody: hookBody, threshold: threshold, quiet: quiet)
        }

        private func agent(_ daemon: DockerDaemon, _ config: String) throws -> ReclaimdProcess {
            try ReclaimdProcess(
                [
                    "run", "--config", config, "--host", daemon.host, "--log-target", "journal", "--shutdown-grace",
                    "20s",
                ],
                directory: daemon.directory)
        }

        /// Prunes a volume holding `megabytes` MiB, through the API; returns the bytes the engine reclaimed.
        private func pruneVolume(_ daemon: DockerDaemon, _ name: String, megabytes: Int) async throws -> UInt64 {
            if (try? daemon.docker("image inspect bb:latest")) == nil { try daemon.importBusyboxImage("bb:latest") }
            try daemon.docker("volume create \(name)")
            try daemon.docker(
                "run --rm -v \(name):/data bb:latest sh -c 'dd if=/dev/zero of=/data/f bs=1048576 count=\(megabytes) 2>/dev/null'"
            )
            return try await daemon.prune("/volumes/prune")
        }

        private func lines(_ path: String) -> [String] {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        /// The finished runs of `rule` (a name with a random suffix, so no earlier test's) that `agent` journaled.
        private func finishedRuns(_ rule: String, by agent: ReclaimdProcess) throws -> [JournalRecord] {
            try agent.journalEntries("RECLAIMD_RULE=\(rule)", "MESSAGE_ID=\(MessageID.runFinished.hex)")
        }

        @Test("the state file: written atomically with modes 0600/0700, read back; a corrupt one is set aside")
        func stateStore() throws {
            let directory = try makeScratchDirectory("rdst") + "/state"
            defer { _ = try? Shell.run("rm -rf '\((directory as NSString).deletingLastPathComponent)'") }
            let store = StateStore(directory: directory)
            #expect(try store.load() == .fresh)
            var state = AgentState()
            state.cursorTimeNano = 1_795_364_605_762_178_784
            state.cursorKeys = ["0b9507f106d92cd8"]
            var rule = AgentState.RuleState()
            rule.pending = Batch(events: [
                RuleEvent(
                    resource: "volume", action: "prune", reclaimedBytes: 6_291_456, time: Timestamp(nanoseconds: 5),
                    json: "{}")
            ])
            rule.lastStartNano = 4
            state.rules["trim"] = rule
            try store.save(state)
            #expect(try store.load() == .restored(state))
            #expect(try Shell.succeed("stat -c %a '\(directory)' '\(store.path)'") == "700\n600\n")
            #expect(!FileManager.default.fileExists(atPath: store.path + ".tmp"))

            for garbage in ["{\"version\":1,\"rul", "", "[1,2,3]", "{\"version\":99}"] {
                try garbage.write(toFile: store.path, atomically: true, encoding: .utf8)
                guard case .setAside(let movedTo, _) = try store.load() else {
                    Issue.record("accepted \(garbage)")
                    continue
                }
                #expect(FileManager.default.fileExists(atPath: movedTo))
                #expect(movedTo.hasPrefix(store.path + ".corrupt-"))
                #expect(!FileManager.default.fileExists(atPath: store.path))
                #expect(try store.load() == .fresh, "then the agent starts fresh")
                try? FileManager.default.removeItem(atPath: movedTo)
            }
        }

        @Test("fault 2: SIGKILL mid-accumulation: 6 MB, kill -9, restart, 6 MB: exactly one run of at least 12 MB")
        func killedWhileAccumulating() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let runs = daemon.directory + "/runs"
                let rule = "acc\(UInt32.random(in: 0...UInt32.max))"
                let (config, state) = try setUp(
                    daemon, hookBody: "echo \"$RECLAIMD_RECLAIMED_BYTES $RECLAIMD_EVENT_COUNT\" >> '\(runs)'",
                    rule: rule, threshold: "10MB", quiet: "1s")
                let first = try agent(daemon, config)
                try await first.waitUntilConnected()
                let firstBytes = try await pruneVolume(daemon, "six1", megabytes: 6)
                // Killed once the pending prune is on disk (state writes are coalesced, so not at once).
                try await waitUntil(timeout: .seconds(20), "the pending prune in the state file") {
                    try savedState(state)?.rules[rule]?.pending.eventCount == 1
                }
                first.child.signal(SIGKILL)
                _ = try await first.waitForExit(timeout: .seconds(10))
                #expect(lines(runs).isEmpty, "below the threshold: no run yet")

                let second = try agent(daemon, config)
                try await second.waitUntilConnected()
                let secondBytes = try await pruneVolume(daemon, "six2", megabytes: 6)
                try await waitUntil(timeout: .seconds(20), "the run to end") {
                    !(try finishedRuns(rule, by: second)).isEmpty
                }
                #expect(try await second.stop(signal: SIGTERM) == 0)
                #expect(lines(runs) == ["\(firstBytes + secondBytes) 2"], "one run with both prunes")
                #expect(firstBytes + secondBytes >= 12_000_000)
            }
        }

        @Test(
            "fault 3: SIGKILL while a hook runs: the run happens again after restart; the old hook's process group is gone"
        )
        func killedWhileHookRuns() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let marker = daemon.directory + "/first-run"
                let pids = daemon.directory + "/pids"
                let runs = daemon.directory + "/runs"
                let rule = "inflight\(UInt32.random(in: 0...UInt32.max))"
                // The first run hangs (with a child); the run after the restart completes.
                let (config, state) = try setUp(
                    daemon,
                    hookBody: """
                        echo "$RECLAIMD_RECLAIMED_BYTES" >> '\(runs)'
                        if [ -e '\(marker)' ]; then exit 0; fi
                        touch '\(marker)'
                        sleep 1000 &
                        echo "$$ $!" > '\(pids)'
                        wait
                        """, rule: rule)
                let first = try agent(daemon, config)
                try await first.waitUntilConnected()
                let bytes = try await pruneVolume(daemon, "inflight", megabytes: 2)
                try await waitUntil(timeout: .seconds(20), "the hook to start") {
                    FileManager.default.fileExists(atPath: pids)
                }
                // Killed once the state file records the run in flight and its hook's process group.
                try await waitUntil(timeout: .seconds(20), "the hook in flight in the state file") {
                    let saved = try savedState(state)?.rules[rule]
                    return saved?.inFlight.isEmpty == false && saved?.inFlightHook != nil
                }
                first.child.signal(SIGKILL)
                _ = try await first.waitForExit(timeout: .seconds(10))
                let oldProcesses = try #require(try? String(contentsOfFile: pids, encoding: .utf8))
                    .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                #expect(oldProcesses.count == 2)
                #expect(oldProcesses.allSatisfy { !processIsGone($0) }, "the hook outlived the killed agent")

                let second = try agent(daemon, config)
                try await waitUntil(timeout: .seconds(20), "the run again") { lines(runs).count >= 2 }
                try await waitUntil(timeout: .seconds(10), "the old hook's process group to be gone") {
                    oldProcesses.allSatisfy(processIsGone)
                }
                try await waitUntil(timeout: .seconds(20), "the run again to end") {
                    !(try finishedRuns(rule, by: second)).isEmpty
                }
                let status = try await second.stop(signal: SIGTERM)
                #expect(status == 0, "exit \(status): \(second.stderr)")
                #expect(lines(runs) == [String(bytes), String(bytes)], "the same batch ran again, once")
            }
        }

        @Test("fault 7: SIGTERM while a hook runs: the agent waits for it, exits 0, and the state is on disk")
        func stopWaitsForHook() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let started = daemon.directory + "/started"
                let finished = daemon.directory + "/finished"
                let rule = "graceful\(UInt32.random(in: 0...UInt32.max))"
                let (config, state) = try setUp(
                    daemon, hookBody: "touch '\(started)'; sleep 3; touch '\(finished)'", rule: rule)
                let agent = try agent(daemon, config)
                try await agent.waitUntilConnected()
                _ = try await pruneVolume(daemon, "graceful", megabytes: 1)
                try await waitUntil(timeout: .seconds(20), "the hook to start") {
                    FileManager.default.fileExists(atPath: started)
                }
                let stopAt = ContinuousClock.now
                agent.child.signal(SIGTERM)
                #expect(try await agent.waitForExit(timeout: .seconds(30)) == 0, "\(agent.stderr)")
                #expect(ContinuousClock.now - stopAt >= .seconds(2), "it waited for the hook")
                #expect(FileManager.default.fileExists(atPath: finished), "the hook finished")
                let saved = try #require(FileManager.default.contents(atPath: state + "/state.json"))
                let decoded = try JSONDecoder().decode(AgentState.self, from: saved)
                #expect(decoded.cursorTimeNano != nil)
                #expect(decoded.rules[rule]?.inFlight.isEmpty == true, "the run completed, nothing in flight")
                let ended = try JournalReader(matches: [
                    "RECLAIMD_RULE=\(rule)", "MESSAGE_ID=\(MessageID.runFinished.hex)",
                ]).readAll()
                #expect(ended.first?.string("RECLAIMD_OUTCOME") == "success")
            }
        }
    }
}

extension Integration.ReliabilityTests {
    @Test(
        "sd_notify: READY once connected, STATUS kept current, WATCHDOG at half the interval while alive, STOPPING on stop"
    )
    func systemdNotify() async throws {
        try await Journald.ensureRunning()
        try await withDockerDaemon { daemon in
            let socket = daemon.directory + "/notify.sock"
            let received = daemon.directory + "/notifications"
            // The service manager's side: a datagram socket that writes each message on one line.
            let receiver = try ChildProcess(
                "/usr/bin/python3",
                [
                    "-c",
                    """
                    import socket, sys
                    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1])
                    with open(sys.argv[2], "a") as out:
                        while True:
                            out.write(s.recv(4096).decode().replace("\\n", " | ") + "\\n"); out.flush()
                    """, socket, received,
                ])
            defer { receiver.signal(SIGKILL); _ = receiver.waitBlocking() }
            try await waitUntil(timeout: .seconds(10), "the notify socket") {
                FileManager.default.fileExists(atPath: socket)
            }
            let rule = "notify\(UInt32.random(in: 0...UInt32.max))"
            let (config, _) = try setUp(daemon, hookBody: "exit 0", rule: rule)
            var environment = ProcessInfo.processInfo.environment
            environment["NOTIFY_SOCKET"] = socket
            environment["WATCHDOG_USEC"] = "1000000"
            let agent = try ReclaimdProcess(
                ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                directory: daemon.directory, environment: environment)
            try await waitUntil(timeout: .seconds(20), "READY=1") {
                lines(received).contains { $0.hasPrefix("READY=1") }
            }
            let bytes = try await pruneVolume(daemon, "notified", megabytes: 1)
            try await waitUntil(timeout: .seconds(20), "a status after the run") {
                lines(received).contains { $0.contains("last run: \(rule) success") }
            }
            // Still alive after the run: three more pings (one every 0.5 s).
            func pings() -> Int { lines(received).filter { $0 == "WATCHDOG=1" }.count }
            let pingsAfterRun = pings() + 3
            try await waitUntil(timeout: .seconds(20), "three watchdog pings after the run") {
                pings() >= pingsAfterRun
            }
            #expect(try await agent.stop(signal: SIGTERM) == 0)
            // The agent has exited, so all it sent is queued on the socket; the receiver writes datagrams in order,
            // so once a marker sent now is written, so is everything the agent sent.
            let marker = "X_TEST_MARKER=\(UUID().uuidString)"
            try Shell.succeed(
                """
                python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(sys.argv[2].encode(), sys.argv[1])' \
                '\(socket)' '\(marker)'
                """)
            try await waitUntil(timeout: .seconds(10), "the marker datagram") { lines(received).contains(marker) }
            let messages = Array(lines(received).prefix { $0 != marker })
            let ready = try #require(messages.first { $0.hasPrefix("READY=1") })
            let engine = try await daemon.expectedEngineDescription()
            #expect(ready.contains("STATUS=\(engine); 1 rules;"), "\(ready)")
            #expect(messages.filter { $0.hasPrefix("READY=1") }.count == 1)
            #expect(
                messages.contains {
                    $0.contains("\(ByteCountText.decimal(bytes)) reclaimed seen since start; last run: \(rule) success")
                })
            #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= pingsAfterRun, "every 0.5 s: \(messages)")
            #expect(messages.last?.hasPrefix("STOPPING=1") == true)
        }
    }
}

extension Integration.ReliabilityTests {
    @Test(
        "fault 5: a broken reload keeps the old rules; a valid one adds a rule and keeps the pending batch of a rule that stayed"
    )
    func reload() async throws {
        try await Journald.ensureRunning()
        try await withDockerDaemon { daemon in
            let runs = daemon.directory + "/runs"
            let a = "keep\(UInt32.random(in: 0...UInt32.max))"
            let b = "added\(UInt32.random(in: 0...UInt32.max))"
            let (config, state) = try setUp(
                daemon,
                hookBody: "echo \"$RECLAIMD_RULE $RECLAIMD_RECLAIMED_BYTES $RECLAIMD_EVENT_COUNT\" >> '\(runs)'",
                rule: a, threshold: "10MB", quiet: "1s")
            let original = try String(contentsOfFile: config, encoding: .utf8)
            let agent = try agent(daemon, config)
            try await agent.waitUntilConnected()

            // A broken file: the old rule keeps working, and the errors are journaled.
            let first = try await pruneVolume(daemon, "r1", megabytes: 6)
            try (original + "\n[[rule]]\nname = \"broken\nhook = 1\n").write(
                toFile: config, atomically: true, encoding: .utf8)
            agent.child.signal(SIGHUP)
            try await waitUntil(timeout: .seconds(10), "the rejected reload to be journaled") {
                !(try agent.journalEntries("PRIORITY=3")
                    .filter {
                        $0.string("MESSAGE")?.contains("reload rejected, the previous configuration stays: \(config):")
                            == true
                    }).isEmpty
            }
            let second = try await pruneVolume(daemon, "r2", megabytes: 6)
            try await waitUntil(timeout: .seconds(20), "the old rule's run") { lines(runs).count >= 1 }
            #expect(lines(runs) == ["\(a) \(first + second) 2"])

            // A valid file adding a rule on another resource (a new event filter: the agent resubscribes).
            let third = try await pruneVolume(daemon, "r3", megabytes: 6)
            try
                (original
                + "\n[[rule]]\nname = \"\(b)\"\nresources = [\"container\"]\nactions = [\"prune\"]\nquiet = \"0s\"\nhook = [\"\(daemon.directory)/hook-\(a)\"]\n")
                .write(toFile: config, atomically: true, encoding: .utf8)
            agent.child.signal(SIGHUP)
            try await waitUntil(timeout: .seconds(10), "the reload") {
                !(try agent.journalEntries("MESSAGE=reloaded the configuration: 2 rules")).isEmpty
            }
            // The new filter means a new subscription, which says "connected" again once open.
            try await agent.waitUntilConnected(times: 2)
            let fourth = try await pruneVolume(daemon, "r4", megabytes: 6)
            try daemon.docker(
                "run --name leftover bb:latest sh -c 'dd if=/dev/zero of=/f bs=1048576 count=1 2>/dev/null'")
            let containerBytes = try await daemon.prune("/containers/prune")
            try await waitUntil(timeout: .seconds(20), "both rules' runs to end") {
                try finishedRuns(a, by: agent).count >= 2 && finishedRuns(b, by: agent).count >= 1
            }
            let status = try await agent.stop(signal: SIGTERM)
            #expect(status == 0, "exit \(status): \(agent.stderr)")
            #expect(
                Set(lines(runs)) == [
                    "\(a) \(first + second) 2", "\(a) \(third + fourth) 2", "\(b) \(containerBytes) 1",
                ],
                "the pending 6 MB of \(a) survived the reload")
            #expect(lines(runs).count == 3)
            #expect(FileManager.default.fileExists(atPath: state + "/state.json"))
        }
    }
}

extension Integration.ReliabilityTests {
    @Test(
        "fault 6: journald stopped and restarted while events arrive: no crash, stderr meanwhile, back to the journal after"
    )
    func journaldRestartsUnderTheAgent() async throws {
        try await Journald.ensureRunning()
        try await withDockerDaemon { daemon in
            let rule = "jd\(UInt32.random(in: 0...UInt32.max))"
            let (config, _) = try setUp(daemon, hookBody: "echo ran", rule: rule)
            let agent = try agent(daemon, config)
            try await agent.waitUntilConnected()
            func pruneKey() async throws -> String {
                try daemon.docker("volume create jd\(UInt32.random(in: 0...UInt32.max))")
                let identity = try await daemon.client.ping()
                _ = try await daemon.client.request(.POST, identity.path("/volumes/prune"))
                // The key of the prune just emitted, from the engine's own backlog.
                return try #require(try await daemon.backlogPruneEvents(since: Timestamp(nanoseconds: 0)).last).key
                    .description
            }
            let before = try await pruneKey()
            try await waitUntil(timeout: .seconds(10), "the first prune in the journal") {
                !(try JournalReader(matches: ["RECLAIMD_EVENT_KEY=\(before)"]).readAll()).isEmpty
            }
            try await Journald.stop()
            let during = try await pruneKey()
            // Up to 30 s: a send that was waiting on journald's full queue when it stopped is released only as it
            // goes; once seen in a CI run on a loaded machine (10 s were not enough), never alone.
            try await waitUntil(timeout: .seconds(30), "the prune on stderr") {
                agent.stderr.contains("RECLAIMD_EVENT_KEY=\(during)")
            }
            try await Journald.ensureRunning()
            let after = try await pruneKey()
            try await waitUntil(timeout: .seconds(10), "the last prune back in the journal") {
                !(try JournalReader(matches: ["RECLAIMD_EVENT_KEY=\(after)"]).readAll()).isEmpty
            }
            #expect(agent.isRunning, "no crash")
            #expect(agent.stderr.contains("the journal is not taking entries"))
            #expect(
                try JournalReader(matches: ["RECLAIMD_EVENT_KEY=\(during)"]).readAll().isEmpty,
                "it went to stderr, not twice")
            #expect(try await agent.stop(signal: SIGTERM) == 0)
        }
    }

    @Test(
        "fault 1: the engine restarted 5 times (SIGTERM and SIGKILL) under 60 prunes: every prune emitted is journaled exactly once"
    )
    func engineRestartsUnderLoad() async throws {
        try await Journald.ensureRunning()
        try await withDockerDaemon { daemon in
            let rule = "load\(UInt32.random(in: 0...UInt32.max))"
            let (config, _) = try setUp(daemon, hookBody: "exit 0", rule: rule, threshold: "1TB")
            let agent = try agent(daemon, config)
            try await agent.waitUntilConnected()
            let start = Timestamp.now()
            var pruneTimes: [ClosedRange<Timestamp>] = []
            var backlogKeys = Set<String>()
            func backlogSinceStart() async throws -> [ReclaimEvent] {
                try await daemon.backlogPruneEvents(since: start)
            }
            func journaled() throws -> [JournalRecord] {
                try agent.journalEntries("RECLAIMD_RESOURCE=volume", "RECLAIMD_ACTION=prune")
                    .filter { record in
                        (Int64(record.string("RECLAIMD_EVENT_TIME_NS") ?? "") ?? 0) >= start.nanoseconds
                    }
            }
            for index in 0..<60 {
                if index > 0, index % 12 == 0 {
                    // Before each restart, the engine's own record of the stretch it still holds.
                    backlogKeys.formUnion(try await backlogSinceStart().map(\.key.description))
                    // Each engine instance lives until the agent could see it: the prunes go on while the agent
                    // reconnects (the backlog replay must cover them), but an engine restarted again within the
                    // agent's reconnect backoff takes its events with it, for any subscriber.
                    try await waitUntil(timeout: .seconds(45), "the agent to catch up before restart \(index / 12)") {
                        try journaled().count >= index
                    }
                    await daemon.stop(signal: index % 24 == 0 ? SIGKILL : SIGTERM)
                    try await daemon.start()
                }
                try daemon.docker("volume create load\(index)")
                let identity = try await daemon.client.ping()
                let before = Timestamp.now()
                let (head, _) = try await daemon.client.request(.POST, identity.path("/volumes/prune"))
                #expect(head.status == 200)
                pruneTimes.append(before...Timestamp.now())
            }
            backlogKeys.formUnion(try await backlogSinceStart().map(\.key.description))
            // 60 distinct events, not 60 entries: a replay repeats older events before the engine sends newer ones,
            // so a duplicate is journaled before the last distinct event and the count below sees it.
            try await waitUntil(timeout: .seconds(60), "all 60 prunes in the journal") {
                Set(try journaled().compactMap { $0.string("RECLAIMD_EVENT_KEY") }).count >= 60
            }
            let records = try journaled()
            let keys = records.compactMap { $0.string("RECLAIMD_EVENT_KEY") }
            #expect(records.count == 60, "one entry per prune the API answered")
            #expect(Set(keys).count == keys.count, "none twice")
            #expect(backlogKeys.isSubset(of: Set(keys)), "every event the engine still held is journaled")
            #expect(backlogKeys.count == 60, "the engine's own record, stretch by stretch, has all 60")
            // Each journaled prune falls in the window of one API prune call.
            let times = records.compactMap { Int64($0.string("RECLAIMD_EVENT_TIME_NS") ?? "") }.map {
                Timestamp(nanoseconds: $0)
            }
            #expect(pruneTimes.allSatisfy { window in times.contains { window.contains($0) } })
            #expect(agent.isRunning)
            #expect(try await agent.stop(signal: SIGTERM) == 0)
        }
    }
}
