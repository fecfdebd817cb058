import JournalFormat
import Foundation
import Journal
import Systemd
import Testing

extension Integration {
    /// The agent runs a policy on its own, and its removals are engine events like any other: the trim rule trims
    /// once after the GC run.
    @Suite("garbage collection in the agent", .timeLimit(.minutes(4)))
    struct GCChainTests {
        @Test(
            "the whole chain: reclaimd run evaluates the policy at start, journals each removal and a summary, and the trim rule runs fstrim exactly once"
        )
        func wholeChain() async throws {
            try await Journald.ensureRunning()
            try await LoopFilesystem.with(megabytes: 600) { filesystem in
                try await withDockerDaemon(dataRoot: filesystem.mountPoint + "/docker") { daemon in
                    try daemon.importBusyboxImage("bb:latest")
                    let engine = GCEngine(
                        cli: "docker -H '\(daemon.host)'", host: daemon.host, directory: daemon.directory)
                    for (name, size) in [("app5:1", 5), ("app10:1", 10), ("app15:1", 15)] {
                        try engine.buildImage(name, megabytes: size)
                        try await Task.sleep(for: .milliseconds(1100))
                    }
                    let suffix = UInt32.random(in: 0...UInt32.max)
                    let (rule, policy) = ("trim-\(suffix)", "gc-\(suffix)")
                    let config = daemon.directory + "/agent.toml"
                    try """
                    [state]
                    dir = "\(daemon.directory)/state"

                    [metrics]
                    textfile = "\(daemon.directory)/reclaimd.prom"

                    [[rule]]
                    name = "\(rule)"
                    resources = ["container", "image", "volume", "builder"]
                    quiet = "3s"
                    hook = ["\(ShippedHooks.path("fstrim"))"]

                    [[policy]]
                    name = "\(policy)"
                    max_total_size = "1"
                    min_age = "0s"
                    keep = ["bb:*"]
                    interval = "1h"
                    """.write(toFile: config, atomically: true, encoding: .utf8)
                    let agent = try ReclaimdProcess(
                        ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                        directory: daemon.directory)
                    func entries(_ id: MessageID, _ field: String, _ value: String) throws -> [JournalRecord] {
                        try JournalReader(matches: ["\(field)=\(value)", "MESSAGE_ID=\(id.hex)"]).readAll()
                    }
                    try await waitUntil(timeout: .seconds(60), "the policy's summary") {
                        !(try entries(.policyEvaluated, "RECLAIMD_POLICY", policy)).isEmpty
                    }
                    try await waitUntil(timeout: .seconds(40), "the fstrim run to end") {
                        !(try entries(.runFinished, "RECLAIMD_RULE", rule)).isEmpty
                    }
                    // A second run would start within quiet (3 s) of a late event.
                    try await Task.sleep(for: .seconds(7))
                    let status = try Shell.run("'\(ReclaimdBinary.path)' status --json --config '\(config)'")
                    #expect(status.status == 0, "\(status.stderr)")
                    let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
                    let shown = (object?["policies"] as? [[String: Any]])?.first
                    let last = shown?["last_evaluation"] as? [String: Any]
                    #expect(
                        shown?["name"] as? String == policy && shown?["next_evaluation"] as? String != nil,
                        "\(status.stdout)")
                    #expect(
                        last?["outcome"] as? String == "success" && last?["removed"] as? Int == 3, "\(status.stdout)")
                    #expect(try await agent.stop(signal: SIGTERM) == 0)
                    try Self.checkStatusAndMetrics(
                        config: config, textfile: daemon.directory + "/reclaimd.prom", policy: policy)
                    // report reads back what the policy removed and why, from this agent's entries.
                    let report = try ReportRun.json(["--match", "_PID=\(agent.child.pid)"])
                    let reported = report.object("total").object("policies").object(policy)
                    #expect(reported.int("removed") == 3 && reported.object("reasons").int("size") == 3, "\(reported)")
                    #expect(reported.int("refused") == 0 && reported.int("dry_run_planned") == 0)
                    let removals = try entries(.policyRemoval, "RECLAIMD_POLICY", policy)
                    #expect(
                        removals.compactMap { $0.string("RECLAIMD_REFERENCES") } == ["app5:1", "app10:1", "app15:1"],
                        "least recently used first")
                    #expect(
                        removals.allSatisfy {
                            $0.string("RECLAIMD_REMOVED") == "true" && $0.string("RECLAIMD_REASON") == "size"
                        })
                    let summary = try #require(try entries(.policyEvaluated, "RECLAIMD_POLICY", policy).first)
                    #expect(summary.string("RECLAIMD_COUNT") == "3")
                    #expect(summary.string("RECLAIMD_TRIGGER") == "start", "the evaluation at start")
                    #expect(UInt64(summary.string("RECLAIMD_FREED_BYTES") ?? "") ?? 0 >= 30_000_000)
                    #expect(
                        try entries(.runStarted, "RECLAIMD_RULE", rule).count == 1,
                        "exactly one fstrim run after the GC run")
                    let finished = try entries(.runFinished, "RECLAIMD_RULE", rule)
                    #expect(finished.count == 1 && finished.first?.string("RECLAIMD_OUTCOME") == "success")
                    let output = try entries(.hookOutput, "RECLAIMD_RULE", rule).compactMap { $0.string("MESSAGE") }
                    #expect(output.compactMap(trimmedBytes).first.map { $0 > 0 } == true, "fstrim's report: \(output)")
                    #expect(try engine.tags() == ["bb:latest"])
                }
            }
        }

        /// What `status` said before the stop was read after it: the policy's last evaluation; the textfile written at
        /// exit has the policy's counters.
        private static func checkStatusAndMetrics(config: String, textfile: String, policy: String) throws {
            let metrics = try String(contentsOfFile: textfile, encoding: .utf8)
            for line in [
                #"reclaimd_gc_evaluations_total{policy="\#(policy)",outcome="success",trigger="start"} 1"#,
                #"reclaimd_gc_removals_total{policy="\#(policy)",resource="image",reason="size",trigger="start"} 3"#,
            ] {
                #expect(metrics.contains(line + "\n"), "\(line) in:\n\(metrics)")
            }
            let freed = metrics.split(separator: "\n").first {
                $0.hasPrefix(#"reclaimd_gc_freed_bytes_total{policy="\#(policy)",trigger="start"}"#)
            }
            let freedBytes: UInt64? = freed.flatMap { line in line.split(separator: " ").last.flatMap { UInt64($0) } }
            #expect((freedBytes ?? 0) >= 30_000_000, "freed bytes: \(String(describing: freed))")
        }

        @Test(
            "SIGKILL in the middle of an evaluation: the restarted agent evaluates again from a fresh inventory and finishes, nothing removed twice"
        )
        func killedMidEvaluation() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                try daemon.importBusyboxImage("bb:latest")
                let count = 24
                for index in 0..<count {
                    let rootfs = daemon.directory + "/img\(index)"
                    try Shell.succeed(
                        "mkdir -p '\(rootfs)' && head -c 1000000 /dev/urandom > '\(rootfs)/data' && tar -C '\(rootfs)' -c . | docker -H '\(daemon.host)' import - 'junk\(index):1' >/dev/null"
                    )
                }
                let policy = "gc-\(UInt32.random(in: 0...UInt32.max))"
                let config = try Self.removeAllConfig(daemon, policy: policy)
                func removals() throws -> [JournalRecord] { try Self.entries(policy, .policyRemoval) }
                let arguments = ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"]
                let first = try ReclaimdProcess(arguments, directory: daemon.directory)
                try await waitUntil(timeout: .seconds(60), "the first removal") { !(try removals()).isEmpty }
                _ = try await first.stop(signal: SIGKILL)
                let beforeKill = try removals().count
                #expect(beforeKill < count, "killed in the middle: \(beforeKill) of \(count) removed")
                let second = try ReclaimdProcess(arguments, directory: daemon.directory)
                try await waitUntil(timeout: .seconds(60), "the restarted agent's summary") {
                    !(try Self.entries(policy, .policyEvaluated)).isEmpty
                }
                #expect(try await second.stop(signal: SIGTERM) == 0)
                let all = try removals()
                // The removal in flight at the kill may have happened without its entry (the engine's own delete event
                // says it); none is removed, or journaled, twice.
                #expect(all.count >= count - 1 && all.count <= count, "each image removed once: \(all.count)")
                #expect(Set(all.compactMap { $0.string("RECLAIMD_OBJECT_ID") }).count == all.count)
                #expect(all.allSatisfy { $0.string("RECLAIMD_REMOVED") == "true" })
                #expect(
                    try daemon.docker("images --format '{{.Repository}}:{{.Tag}}'").split(separator: "\n") == [
                        "bb:latest"
                    ])
            }
        }

        @Test(
            "the agent evaluates again after an image import (an event, long before the interval), and only then; each summary's trigger"
        )
        func afterEvents() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                try daemon.importBusyboxImage("bb:latest")
                let policy = "gc-\(UInt32.random(in: 0...UInt32.max))"
                let config = try Self.removeAllConfig(daemon, policy: policy, extra: "interval = \"1h\"\n")
                func entries(_ id: MessageID) throws -> [JournalRecord] { try Self.entries(policy, id) }
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                    directory: daemon.directory)
                try await waitUntil(timeout: .seconds(60), "the evaluation at start") {
                    try entries(.policyEvaluated).count == 1
                }
                #expect(try entries(.policyRemoval).isEmpty, "nothing to remove at start")
                try daemon.importBusyboxImage("fresh:1")
                try await waitUntil(timeout: .seconds(30), "the evaluation the import asked for") {
                    try entries(.policyEvaluated).count == 2
                }
                try await Task.sleep(for: .seconds(7))  // no third one: the import was one request
                #expect(try await agent.stop(signal: SIGTERM) == 0)
                #expect(try entries(.policyEvaluated).count == 2)
                #expect(
                    try entries(.policyEvaluated).compactMap { $0.string("RECLAIMD_TRIGGER") } == ["start", "event"],
                    "each summary says why it ran")
                let report = try ReportRun.json(["--match", "_PID=\(agent.child.pid)"])
                let triggers = report.object("total").object("policies").object(policy).object("triggers")
                #expect(triggers as? [String: Int] == ["start": 1, "event": 1], "report counts them: \(report)")
                #expect(try entries(.policyRemoval).compactMap { $0.string("RECLAIMD_REFERENCES") } == ["fresh:1"])
                #expect(
                    try daemon.docker("images --format '{{.Repository}}:{{.Tag}}'").split(separator: "\n") == [
                        "bb:latest"
                    ])
            }
        }

        /// An agent configuration whose one policy removes every image but `bb:*`, at once.
        static func removeAllConfig(_ daemon: DockerDaemon, policy: String, extra: String = "") throws -> String {
            let config = daemon.directory + "/agent.toml"
            try """
            [state]
            dir = "\(daemon.directory)/state"

            [[policy]]
            name = "\(policy)"
            max_total_size = "1"
            min_age = "0s"
            keep = ["bb:*"]
            \(extra)
            """.write(toFile: config, atomically: true, encoding: .utf8)
            return config
        }

        /// The policy's journal entries with this MESSAGE_ID.
        static func entries(_ policy: String, _ id: MessageID) throws -> [JournalRecord] {
            try JournalReader(matches: ["RECLAIMD_POLICY=\(policy)", "MESSAGE_ID=\(id.hex)"]).readAll()
        }
    }
}
