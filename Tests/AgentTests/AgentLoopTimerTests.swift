import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import Foundation
import Formats
import Time
import Rules
import Testing

@Suite("agent loop: timers, runs, follow-ups")
struct AgentLoopTimerTests {
    @Test("timers run on the monotonic clock: stepping the wall clock back or forward moves no run")
    func wallClockSteps() {
        var harness = LoopHarness(rules: [trimRule(quiet: .seconds(10), maxDelay: .seconds(60))])
        harness.connect()
        let start = harness.clock.monotonic
        harness.deliver(harness.event(bytes: 5))
        #expect(harness.timer == start.advanced(by: .seconds(10)))

        harness.stepWallClock(by: .seconds(-3600))  // the host slept and the VM's clock was set back an hour
        #expect(harness.pass(.seconds(4)).launches.isEmpty)
        harness.stepWallClock(by: .seconds(7200))  // and then forward two
        harness.deliver(harness.event(bytes: 5))  // an event moves quiet on, as ever
        #expect(harness.timer == start.advanced(by: .seconds(14)))
        #expect(harness.pass(.seconds(9)).launches.isEmpty, "9 s after the last event: not yet")
        let fired = harness.pass(.seconds(1)).launches
        #expect(fired.count == 1, "10 s after the last event on the monotonic clock, whatever the wall clock did")
        #expect(fired.first?.decision.batch.totalBytes == 10)
        #expect(fired.first?.decision.time == start.advanced(by: .seconds(14)))
    }

    @Test("max_delay and cooldown count monotonic time too")
    func maxDelayAndCooldown() {
        var harness = LoopHarness(rules: [
            trimRule(quiet: .seconds(10), maxDelay: .seconds(15), cooldown: .seconds(100))
        ])
        harness.connect()
        let start = harness.clock.monotonic
        var launches: [HookLaunch] = []
        for _ in 0..<4 {  // an event every 5 s keeps quiet from passing; max_delay fires at 15 s
            launches += harness.deliver(harness.event()).launches
            harness.stepWallClock(by: .seconds(-600))
            launches += harness.pass(.seconds(5)).launches
        }
        #expect(launches.count == 1)
        #expect(launches.first?.decision.trigger == .maxDelay)
        #expect(launches.first?.decision.time == start.advanced(by: .seconds(15)))
        harness.endRun("trim")
        harness.deliver(harness.event())
        harness.stepWallClock(by: .seconds(86_400))
        // The last start was at 15 s and the clock is at 20 s: the cooldown holds the next run until 115 s.
        #expect(
            harness.pass(.seconds(94)).launches.isEmpty, "cooldown: 100 s after the last start, not a day of wall time")
        #expect(harness.pass(.seconds(1)).launches.count == 1)
    }

    @Test("a follow-up run starts exactly once, with what came during the run")
    func followUpOnce() {
        var harness = LoopHarness(rules: [trimRule(quiet: .zero)])
        harness.connect()
        #expect(harness.deliver(harness.event(bytes: 1)).launches.count == 1)
        for bytes: UInt64 in [2, 3] {
            #expect(harness.deliver(harness.event(bytes: bytes)).launches.isEmpty, "one run at a time")
        }
        harness.pass(.seconds(30))
        let followUp = harness.endRun("trim").launches
        #expect(followUp.count == 1)
        #expect(followUp.first?.decision.batch.totalBytes == 5)
        #expect(followUp.first?.decision.batch.events.count == 2)
        #expect(harness.endRun("trim").launches.isEmpty, "nothing came during the follow-up: no third run")
        #expect(harness.pass(.seconds(60)).launches.isEmpty)
    }

    @Test("a hook is started with the contract's environment and the batch on stdin")
    func launchContents() throws {
        var harness = LoopHarness(rules: [trimRule(quiet: .zero)], settings: AgentLoop.Settings(lang: "C.UTF-8"))
        harness.connect()
        let event = harness.event("image", bytes: 9_322_288)
        let launch = try #require(harness.deliver(event).launches.first)
        let environment = launch.invocation.environment
        #expect(launch.invocation.argv == ["/usr/libexec/reclaimd/hooks/fstrim"])
        #expect(environment["RECLAIMD_DATA_ROOT"] == LoopHarness.dataRoot)
        #expect(environment["RECLAIMD_ENGINE"] == "docker")
        #expect(environment["RECLAIMD_ENGINE_HOST"] == "unix:///test.sock")
        #expect(environment["RECLAIMD_RECLAIMED_BYTES"] == "9322288")
        #expect(environment["RECLAIMD_RESOURCES"] == "image")
        #expect(environment["LANG"] == "C.UTF-8")
        #expect(Set(environment.keys) == HookContract.names, "exactly the contract, every variable of it")
        #expect(String(decoding: launch.invocation.stdin, as: UTF8.self) == "[" + event.json + "]")
        #expect(launch.runID == "trim-\(harness.clock.wall.nanoseconds)")
    }

    @Test("dry run: journals what would run, starts nothing, and follow-ups still happen")
    func dryRun() {
        var harness = LoopHarness(rules: [trimRule(quiet: .zero)], settings: AgentLoop.Settings(dryRun: true))
        harness.connect()
        let effects = harness.deliver(harness.event()) + harness.deliver(harness.event())
        #expect(effects.launches.isEmpty)
        let started = effects.journaled.filter { $0.messageID == .runStarted }
        #expect(started.count == 2)
        #expect(started.allSatisfy { $0.value(of: "RECLAIMD_DRY_RUN") == Array("true".utf8) })
    }

    @Test("no hook starts before the source named the data root; then the due run starts at once")
    func noHookWithoutDataRoot() {
        var harness = LoopHarness(rules: [trimRule(quiet: .seconds(1))])
        let before = harness.deliver(harness.event()) + harness.pass(.seconds(30))
        #expect(before.launches.isEmpty)
        #expect(
            !before.contains { if case .setTimer(.some) = $0 { return true } else { return false } },
            "no timer to spin on")
        #expect(harness.connect(dataRoot: "").launches.isEmpty, "an engine that did not say where its data is")
        let launches = harness.connect().launches
        #expect(launches.count == 1)
        #expect(launches.first?.invocation.environment["RECLAIMD_DATA_ROOT"] == LoopHarness.dataRoot)
    }

    @Test("every event is journaled once, matching a rule or not")
    func audit() {
        var harness = LoopHarness(rules: [trimRule(quiet: .zero)])
        harness.connect()
        let effects = harness.deliver(harness.event("network", bytes: 0)) + harness.deliver(harness.event("volume"))
        #expect(effects.journaled.filter { $0.messageID == .eventReceived }.count == 2)
        #expect(effects.launches.count == 1, "network is not the trim rule's")
    }
}

@Suite("agent loop: bounded batches")
struct AgentLoopBatchTests {
    @Test(
        "a batch of 100,000 matching events: state.json stays under 1 MB, its size flat; the hook is told what it does not get"
    )
    func boundedState() throws {
        // Podman's prunes report no bytes: a threshold never arms, and the batch grows for as long as it runs.
        var harness = LoopHarness(rules: [trimRule(threshold: 1 << 30, quiet: .zero)])
        harness.connect()
        var sizes: [Int: Int] = [:]
        for index in 1...100_000 {
            harness.deliver(harness.event(bytes: nil))
            harness.pass(.milliseconds(1))  // events come at distinct times, as an engine's do
            if [10, 1000, 100_000].contains(index) {
                let state = try #require(harness.send(.flush).persisted.first)
                sizes[index] = try JSONEncoder().encode(state).count
            }
        }
        #expect((sizes[100_000] ?? .max) < 1 << 20, "\(sizes)")
        // From the limit on, only the counters' digits and the cursor's time change.
        #expect(abs((sizes[100_000] ?? 0) - (sizes[1000] ?? 0)) < 64, "the file does not grow with the batch: \(sizes)")
        var lowered = trimRule(threshold: 0, quiet: .zero)
        lowered.maxBatchEvents = 1000
        harness.send(.reload(.success(AgentConfiguration(rules: [lowered]))))
        let launch = try #require(harness.deliver(harness.event(bytes: 1)).launches.first)
        #expect(launch.invocation.environment["RECLAIMD_EVENT_COUNT"] == "100001")
        #expect(launch.invocation.environment["RECLAIMD_EVENTS_OMITTED"] == "99001")
        #expect(launch.decision.batch.events.count == 1000)
    }
}

@Suite("agent loop: rules that cannot reach their threshold")
struct AgentLoopWarningTests {
    @Test("a threshold on Podman, or on removals only, is journaled once, suggesting the filesystem source")
    func thresholdWarnings() {
        var removals = trimRule("removals", threshold: 1000)
        removals.actions = ["remove"]
        var harness = LoopHarness(rules: [trimRule("bytes", threshold: 1000), removals, trimRule("zero")])
        #expect(
            harness.effects.logLines.filter {
                $0.hasPrefix("rule removals has threshold 1.0 kB, but its actions (remove) are removals")
            }.count == 1)
        #expect(harness.effects.logLines.filter { $0.hasPrefix("rule bytes") }.isEmpty, "Docker's prunes report bytes")
        harness.send(
            .source(
                generation: 0,
                .connected(
                    SourceIdentity(
                        kind: "podman", description: "Libpod/4.3.1 (API 1.41)", host: "unix:///run/podman/podman.sock",
                        instanceID: nil,
                        dataRoot: "/var/lib/containers/storage",
                        capabilities: EngineCapabilities(reportsReclaimedBytes: false),
                        displayName: "Podman"))))
        let podman = harness.effects.logLines.filter {
            $0.hasPrefix("rule bytes has threshold 1.0 kB, but Podman reports no reclaimed bytes")
        }
        #expect(podman.count == 1)
        #expect(podman.first?.contains("resources = [\"filesystem\"]") == true)
        harness.connect()
        #expect(
            harness.effects.logLines.filter { $0.hasPrefix("rule ") }.count == 2, "once each, never for threshold 0")
    }
}
