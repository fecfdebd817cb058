import Foundation
import JournalFormat
import Testing

extension Integration {
    /// containerd as an engine of reclaimd's own, against a real private containerd: `events`, a rule's run, a
    /// garbage-collection policy, and containerd restarted under the agent.
    @Suite("containerd engine", .timeLimit(.minutes(6)))
    struct ContainerdEngineTests {
        static let namespace = "rd"
        static let image = "docker.io/library/bb:latest"

        /// `reclaimd run` with one rule on containerd's images, a hook that records its environment, quiet 1 s.
        struct ImageRuleAgent {
            let agent: ReclaimdProcess
            let runsFile: String

            init(_ containerd: ContainerdDaemon) throws {
                let directory = containerd.directory
                runsFile = directory + "/runs"
                let hook = directory + "/hook"
                try
                    "#!/bin/sh\necho \"$RECLAIMD_ENGINE $RECLAIMD_EVENT_COUNT $RECLAIMD_RESOURCES $RECLAIMD_DATA_ROOT $RECLAIMD_ENGINE_HOST\" >> '\(runsFile)'\n"
                    .write(toFile: hook, atomically: true, encoding: .utf8)
                try Shell.succeed("chmod 755 '\(hook)'")
                let config = directory + "/agent.toml"
                try """
                [engine]
                host = "containerd://\(containerd.socketPath)"

                [state]
                dir = "\(directory)/state"

                [[rule]]
                name = "images"
                resources = ["image"]
                quiet = "1s"
                hook = ["\(hook)"]
                """.write(toFile: config, atomically: true, encoding: .utf8)
                let check = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(config)'")
                guard check.status == 0 else { throw TestFailure("check refused the containerd host: \(check.stderr)") }
                agent = try ReclaimdProcess(
                    ["run", "--config", config, "--log-target", "journal"], directory: directory)
            }

            var runs: [String] {
                ((try? String(contentsOfFile: runsFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }

            /// containerd answers a subscription with nothing until its first event: removes warm-up images until the
            /// agent journals one, so the subscription is surely in place, then waits for the warm-up's run; returns
            /// the runs so far.
            func warmUp(_ containerd: ContainerdDaemon) async throws -> Int {
                try await agent.waitUntilConnected()
                let seen = try agent.journalEntries("MESSAGE_ID=\(MessageID.eventReceived.hex)").count
                var round = 0
                try await waitUntil(timeout: .seconds(30), "the agent to journal a warm-up removal") {
                    round += 1
                    try containerd.ctr(
                        ContainerdEngineTests.namespace,
                        "images tag \(ContainerdEngineTests.image) docker.io/library/warmup:\(round)")
                    try containerd.ctr(
                        ContainerdEngineTests.namespace, "images rm docker.io/library/warmup:\(round) >/dev/null")
                    try await Task.sleep(for: .milliseconds(300))
                    return try agent.journalEntries("MESSAGE_ID=\(MessageID.eventReceived.hex)").count > seen
                }
                let runsBefore = runs.count
                try await waitUntil(timeout: .seconds(30), "the warm-up's run") { runs.count > runsBefore }
                try await Task.sleep(for: .seconds(3))  // the warm-up's batch has run; nothing of it is left pending
                return runs.count
            }
        }

        @Test(
            "events: ctr images rm is exactly one image remove line in its namespace; a container delete a container remove"
        )
        func events() async throws {
            try await withContainerdDaemon { containerd, tarball, _ in
                try containerd.importImage(tarball, namespace: Self.namespace)
                let events = try ReclaimdProcess(
                    ["events", "--host", "containerd://\(containerd.socketPath)", "--json", "--log-target", "stderr"],
                    directory: containerd.directory)
                var round = 0
                try await waitUntil(timeout: .seconds(30), "events to print a warm-up removal") {
                    round += 1
                    try containerd.ctr(Self.namespace, "images tag \(Self.image) docker.io/library/warmup:\(round)")
                    try containerd.ctr(Self.namespace, "images rm docker.io/library/warmup:\(round) >/dev/null")
                    try await Task.sleep(for: .milliseconds(300))
                    return events.stdout.contains("warmup")
                }
                try containerd.ctr(Self.namespace, "images tag \(Self.image) docker.io/library/bbx:1")
                try containerd.ctr(Self.namespace, "images rm docker.io/library/bbx:1 >/dev/null")
                try containerd.ctr(Self.namespace, "containers create \(Self.image) c1")
                try containerd.ctr(Self.namespace, "containers rm c1")
                try await waitUntil(timeout: .seconds(20), "the container's removal") {
                    events.stdout.contains("\"actor_id\":\"c1\"")
                }
                #expect(try await events.stop() == 0)
                let lines = try PrintedEvent.parse(events.stdoutLines.filter { !$0.contains("warmup") })
                let image = lines.filter { $0.attributes["name"] == "docker.io/library/bbx:1" }
                #expect(image.count == 1, "exactly one line for the removal: \(lines)")
                #expect(
                    image.first.map { [$0.engine, $0.resource, $0.kind, $0.action, $0.attributes["namespace"] ?? ""] }
                        == ["containerd", "image", "remove", "delete", Self.namespace], "\(image)")
                let container = lines.filter { $0.resource == "container" }
                #expect(
                    container.map { [$0.kind, $0.action, $0.actor_id, $0.attributes["namespace"] ?? ""] } == [
                        ["remove", "delete", "c1", Self.namespace]
                    ],
                    "\(lines)")
                #expect(lines.allSatisfy { $0.engine == "containerd" && $0.reclaimed_bytes == nil })
                #expect(!lines.contains { $0.kind == "use" }, "without --all, only what frees space: \(lines)")
            }
        }

        @Test("run: a rule on image runs its hook exactly once after ctr images rm, with RECLAIMD_ENGINE=containerd")
        func run() async throws {
            try await Journald.ensureRunning()
            try await withContainerdDaemon { containerd, tarball, _ in
                try containerd.importImage(tarball, namespace: Self.namespace)
                try containerd.ctr(Self.namespace, "images tag \(Self.image) docker.io/library/bbx:1")
                let recorder = try ImageRuleAgent(containerd)
                let before = try await recorder.warmUp(containerd)
                try containerd.ctr(Self.namespace, "images rm docker.io/library/bbx:1 >/dev/null")
                try await waitUntil(timeout: .seconds(30), "the removal's run") { recorder.runs.count > before }
                try await Task.sleep(for: .seconds(3))  // a second run for the same removal would start within quiet
                #expect(try await recorder.agent.stop(signal: SIGTERM) == 0)
                let runs = recorder.runs.dropFirst(before)
                #expect(
                    runs == ["containerd 1 image \(containerd.root) containerd://\(containerd.socketPath)"],
                    "\(recorder.runs)")
                let audited = try recorder.agent.journalEntries(
                    "MESSAGE_ID=\(MessageID.eventReceived.hex)", "RECLAIMD_ACTOR_ID=docker.io/library/bbx:1")
                #expect(audited.count == 1, "one audit entry for the removal")
                #expect(audited.first?.string("RECLAIMD_NAMESPACE") == Self.namespace)
                #expect(audited.first?.string("RECLAIMD_ENGINE") == "containerd")
            }
        }

        @Test(
            "restart: the agent reconnects, journals the gap containerd cannot replay, and runs once per removal after")
        func restart() async throws {
            try await Journald.ensureRunning()
            try await withContainerdDaemon { containerd, tarball, _ in
                try containerd.importImage(tarball, namespace: Self.namespace)
                let recorder = try ImageRuleAgent(containerd)
                let before = try await recorder.warmUp(containerd)
                await containerd.stop()
                try await containerd.start()
                try await recorder.agent.waitUntilConnected(times: 2)
                let gaps = try recorder.agent.journalEntries("MESSAGE_ID=\(MessageID.eventsMayBeMissed.hex)")
                #expect(gaps.count == 1, "the gap is journaled once")
                #expect(
                    gaps.first?.string("MESSAGE")?.contains("containerd keeps no event backlog") == true,
                    "\(gaps.map { $0.string("MESSAGE") ?? "" })")
                #expect(gaps.first?.string("RECLAIMD_ENGINE_HOST") == "containerd://\(containerd.socketPath)")
                let after = try await recorder.warmUp(containerd)
                #expect(
                    after == before + 1, "the first warm-up removal after the restart made one run: \(recorder.runs)")
                try containerd.ctr(Self.namespace, "images tag \(Self.image) docker.io/library/bbx:2")
                try containerd.ctr(Self.namespace, "images rm docker.io/library/bbx:2 >/dev/null")
                try await waitUntil(timeout: .seconds(30), "the removal's run") { recorder.runs.count > after }
                try await Task.sleep(for: .seconds(3))
                #expect(try await recorder.agent.stop(signal: SIGTERM) == 0)
                #expect(recorder.runs.count == after + 1, "no duplicates, nothing replayed: \(recorder.runs)")
                #expect(
                    recorder.runs.allSatisfy { $0.hasPrefix("containerd ") && $0.contains(" image ") },
                    "\(recorder.runs)")
            }
        }

        @Test(
            "gc: least recently used first in Docker's line format, never what keep names, a container uses or k8s.io holds; the real run removes exactly the plan"
        )
        func gc() async throws {
            try await withContainerdDaemon { containerd, tarball, docker in
                let engine = GCEngine(
                    cli: "docker -H '\(docker.host)'", host: "containerd://\(containerd.socketPath)",
                    directory: docker.directory)
                try containerd.importImage(tarball, namespace: Self.namespace)
                try containerd.importImage(tarball, namespace: "k8s.io")
                for name in ["keep:1", "a:1", "b:1", "c:1"] {
                    try engine.buildImage(name, megabytes: 1)
                    let saved = docker.directory + "/\(name.replacingOccurrences(of: ":", with: "-")).tar"
                    try docker.docker("save \(name) -o '\(saved)'")
                    try containerd.importImage(saved, namespace: Self.namespace)
                    if name == "a:1" { try containerd.importImage(saved, namespace: "k8s.io") }
                    try await Task.sleep(for: .milliseconds(1100))  // creation times a second apart: the LRU order
                }
                try containerd.ctr(Self.namespace, "containers create docker.io/library/b:1 uses-b")
                let config = try engine.config(
                    "all",
                    """
                    [[policy]]
                    name = "all"
                    max_total_size = "1"
                    min_age = "0s"
                    keep = ["docker.io/library/keep:*", "docker.io/library/bb:*"]
                    """)
                let plan = try engine.gc(config, "--dry-run")
                #expect(plan.status == 0, "\(plan.stderr)")
                #expect(plan.lines.removedNames == ["docker.io/library/a:1", "docker.io/library/c:1"], "\(plan.lines)")
                #expect(
                    plan.lines.removals.allSatisfy {
                        ($0["id"] as? String)?.hasPrefix("\(Self.namespace)/sha256:") == true && $0["removed"] == nil
                    },
                    "\(plan.lines)")
                #expect(
                    plan.lines.removals.allSatisfy {
                        $0["policy"] as? String == "all" && $0["resource"] as? String == "image" && $0["size"] != nil
                            && $0["reason"] != nil && $0["last_used"] != nil
                    })
                #expect(plan.lines.summary("all")?["would_free"] != nil, "\(plan.lines)")
                let names = { (namespace: String) in
                    Set(try containerd.ctr(namespace, "images ls -q").split(separator: "\n").map(String.init))
                }
                #expect(try names(Self.namespace).count == 5, "a dry run removes nothing")
                let kubeletsBefore = try names("k8s.io")
                #expect(kubeletsBefore.isSuperset(of: [Self.image, "docker.io/library/a:1"]), "\(kubeletsBefore)")
                let real = try engine.gc(config)
                #expect(real.status == 0, "\(real.stderr)")
                #expect(
                    real.lines.removedNames == plan.lines.removedNames,
                    "the real run removes exactly the plan: \(real.lines)")
                #expect(real.lines.removals.allSatisfy { $0["removed"] as? Bool == true })
                #expect(try names(Self.namespace) == [Self.image, "docker.io/library/keep:1", "docker.io/library/b:1"])
                let kubelets = try names("k8s.io")
                #expect(kubelets == kubeletsBefore, "k8s.io is never touched unless named: \(kubelets)")
            }
        }
    }
}
