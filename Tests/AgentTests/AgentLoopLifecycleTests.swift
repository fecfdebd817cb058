import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import EventModel
import Formats
import Time
import Foundation
import Rules
import Testing

@Suite("agent loop: reload, stop, restart, replay")
struct AgentLoopLifecycleTests {
    @Test("reload keeps the pending batch of a rule that keeps its name; a new rule starts empty, a removed one goes")
    func reloadKeepsBatches() throws {
        var harness = LoopHarness(rules: [trimRule("keep", threshold: 100), trimRule("gone", threshold: 100)])
        harness.connect()
        harness.deliver(harness.event(bytes: 50))
        let reloaded = AgentConfiguration(rules: [
            trimRule("keep", threshold: 100, quiet: .seconds(2)), trimRule("new", threshold: 100),
        ])
        let effects = harness.send(.reload(.success(reloaded)))
        #expect(effects.logLines.contains("reloaded the configuration: 2 rules"))
        #expect(effects.follows.isEmpty, "same resources and actions: the stream goes on")
        let state = try #require(harness.send(.flush).persisted.first)
        #expect(state.rules.keys.sorted() == ["keep", "new"])
        #expect(state.rules["keep"]?.pending.events.map(\.reclaimedBytes) == [50])
        #expect(state.rules["new"]?.pending.isEmpty == true)
        harness.deliver(harness.event(bytes: 60))
        let runs = harness.pass(.seconds(2)).launches
        #expect(runs.map(\.decision.rule) == ["keep"], "the new rule has 60 of its 100 bytes")
        #expect(runs.first?.decision.batch.totalBytes == 110, "the kept 50 bytes and the new 60, with the new quiet")
    }

    @Test("a rejected reload changes nothing and says why")
    func reloadRejected() {
        var harness = LoopHarness(rules: [trimRule()])
        let problem = ConfigurationError(file: "/etc/reclaimd/reclaimd.toml", line: 3, column: 5, message: "bad")
        let effects = harness.send(.reload(.failure(ConfigurationErrors(errors: [problem]))))
        #expect(
            effects.logLines == [
                "reload rejected, the previous configuration stays: /etc/reclaimd/reclaimd.toml:3:5: bad"
            ])
        #expect(effects.contains { if case .notify(.ready) = $0 { return true } else { return false } })
    }

    @Test("stop waits for running hooks up to the grace, then ends them and keeps their batches in flight")
    func stopAfterGrace() throws {
        var harness = LoopHarness(
            rules: [trimRule(quiet: .zero)], settings: AgentLoop.Settings(shutdownGrace: .seconds(20)))
        harness.connect()
        let event = harness.event(bytes: 42)
        #expect(harness.deliver(event).launches.count == 1)
        let stopping = harness.send(.stop)
        #expect(stopping.finishes == 0, "a hook still runs")
        #expect(stopping.contains { if case .stopFollowing = $0 { return true } else { return false } })
        #expect(stopping.contains { if case .setGraceTimer(.seconds(20)) = $0 { return true } else { return false } })
        #expect(harness.deliver(harness.event()).journaled.isEmpty, "no events taken while stopping")
        #expect(harness.send(.graceExpired).contains { if case .endHooks = $0 { return true } else { return false } })
        let ended = harness.endRun("trim", completed: false, outcome: "interrupted by stop")
        #expect(ended.finishes == 1)
        let state = try #require(ended.persisted.last)
        #expect(state.rules["trim"]?.inFlight.events.map(\.reclaimedBytes) == [42], "it runs again at the next start")
        #expect(harness.send(.flush).isEmpty, "finished: nothing more")
    }

    @Test("stop with a hook that finishes in time: one persist, then the end, nothing left in flight")
    func stopWithinGrace() throws {
        var harness = LoopHarness(rules: [trimRule(quiet: .zero)])
        harness.connect()
        harness.deliver(harness.event())
        harness.send(.stop)
        let ended = harness.endRun("trim")
        #expect(ended.finishes == 1)
        #expect(try #require(ended.persisted.last).rules["trim"]?.inFlight.isEmpty == true)
    }

    @Test("an armed batch survives a restart, through the state file's JSON, and fires once on the new clock")
    func armedSurvivesRestart() throws {
        var first = LoopHarness(rules: [trimRule(threshold: 10, quiet: .seconds(10))])
        first.connect()
        first.deliver(first.event(bytes: 20))
        first.pass(.seconds(3))
        let saved = try #require(first.send(.flush).persisted.first)
        let json = try JSONEncoder().encode(saved)
        let restored = try JSONDecoder().decode(AgentState.self, from: json)

        // After a reboot: the wall clock went on, the monotonic clock started again.
        var second = LoopHarness(
            rules: [trimRule(threshold: 10, quiet: .seconds(10))], restoring: .restored(restored),
            clock: ClockReading(
                wall: first.clock.wall.advanced(by: .seconds(60)), monotonic: MonotonicTime(nanoseconds: 1)))
        #expect(second.pass(.seconds(30)).launches.isEmpty, "not before the engine said where its data is")
        let runs = second.connect().launches + second.pass(.seconds(10)).launches  // due at 10 s: at once on connecting
        #expect(runs.count == 1)
        #expect(runs.first?.decision.batch.totalBytes == 20)
        #expect(second.pass(.seconds(60)).launches.isEmpty)
    }

    @Test("a restart resumes from the cursor: the follow request carries its time and the keys handled there")
    func resumesFromCursor() throws {
        var first = LoopHarness(rules: [trimRule(threshold: 1 << 40)])
        first.connect()
        let time = first.clock.wall
        let events = [
            first.event(time: time.advanced(by: .seconds(-1))), first.event(time: time), first.event(time: time),
        ]
        for event in events { first.deliver(event) }
        let saved = try #require(first.send(.flush).persisted.first)
        let second = LoopHarness(rules: [trimRule(threshold: 1 << 40)], restoring: .restored(saved))
        let request = try #require(second.effects.follows.first?.request)
        #expect(request.resumePoint == ResumePoint(time: time, keys: [events[1].key, events[2].key]))
        #expect(request.selection == AgentLoop.selection(AgentConfiguration(rules: [trimRule()])))
    }

    @Test("a reload that changes the filter follows anew from the cursor; the superseded stream's events are dropped")
    func replayWithoutDuplicates() throws {
        var harness = LoopHarness(rules: [trimRule(threshold: 1 << 40)])
        harness.connect()
        let handled = harness.event()
        harness.deliver(handled)
        var network = trimRule("net", threshold: 1 << 40)
        network.resources = ["network"]
        let effects = harness.send(
            .reload(.success(AgentConfiguration(rules: [trimRule(threshold: 1 << 40), network]))))
        let follow = try #require(effects.follows.first)
        #expect(follow.generation == 1)
        #expect(follow.request.resumePoint == ResumePoint(time: handled.time, keys: [handled.key]))
        #expect(harness.deliver(harness.event(), generation: 0).journaled.isEmpty, "from the old stream: dropped")
        #expect(harness.deliver(harness.event(), generation: 1).journaled.count == 1)
    }

    @Test("a hook left running by a dead agent is to be ended at start; its batch runs again")
    func leftoverHook() throws {
        var state = AgentState()
        var rule = AgentState.RuleState()
        let record = ProcessGroupRecord(
            group: 4242, program: "/usr/libexec/reclaimd/hooks/fstrim", bootID: "b", leaderStartTime: 7)
        rule.inFlightHook = record
        rule.inFlight = Batch(events: [
            RuleEvent(resource: "volume", action: "prune", reclaimedBytes: 3, time: Timestamp(seconds: 1), json: "{}")
        ])
        state.rules["trim"] = rule
        var harness = LoopHarness(rules: [trimRule(quiet: .seconds(1))], restoring: .restored(state))
        #expect(
            harness.effects.contains { if case .endLeftoverHook(record) = $0 { return true } else { return false } })
        harness.connect()
        #expect(harness.pass(.seconds(1)).launches.first?.decision.batch.totalBytes == 3)
    }

    @Test("the engine's ID changed since the cursor: a warning that events may be missing")
    func engineChanged() throws {
        var first = LoopHarness(rules: [trimRule()])
        first.connect(id: "old")
        first.deliver(first.event())
        let saved = try #require(first.send(.flush).persisted.first)
        var second = LoopHarness(rules: [trimRule()], restoring: .restored(saved))
        #expect(second.connect(id: "old").logLines.isEmpty)
        #expect(
            second.connect(id: "new").logLines.first?.hasPrefix(
                "the engine is not the one the cursor came from (ID old is now new)") == true)
    }

    @Test("a source that fails for good ends the loop with its failure, state persisted")
    func sourceFails() {
        struct Broken: Error {}
        var harness = LoopHarness(rules: [trimRule()])
        let effects = harness.send(.sourceEnded(generation: 0, failure: SourceFailure(Broken())))
        #expect(effects.persisted.count == 1)
        #expect(effects.finishes == 1)
        #expect(harness.loop.phase == .finished)
    }
}

@Suite("agent loop: the filesystem source")
struct AgentLoopFilesystemTests {
    private func filesystemRule() -> RuleDefinition {
        RuleDefinition(
            name: "freed", resources: ["filesystem"], actions: ["freed"], threshold: 40_000_000, quiet: .zero,
            hook: ["/usr/libexec/reclaimd/hooks/fstrim"])
    }

    @Test("samples feed the rules like events but never move the cursor; the follow request carries [filesystem]")
    func samples() throws {
        let watch = FilesystemWatch(paths: ["/mnt/data"], interval: .seconds(5))
        var harness = LoopHarness(rules: [filesystemRule(), trimRule()])
        harness.loop = AgentLoop(
            configuration: AgentConfiguration(filesystem: watch, rules: [filesystemRule(), trimRule()]),
            settings: AgentLoop.Settings())
        let start = harness.loop.start(restoring: .fresh, at: harness.clock)
        #expect(start.follows.first?.request.filesystem == watch)
        harness.connect()
        let engineEvent = harness.event()
        harness.deliver(engineEvent)
        let small = FilesystemEventSource.event(
            path: "/mnt/data", freed: 10_000_000, free: 1, at: harness.clock.wall.advanced(by: .seconds(9)))
        #expect(harness.send(.source(generation: 0, .sample(small))).launches.isEmpty)
        let big = FilesystemEventSource.event(
            path: "/mnt/data", freed: 35_000_000, free: 2, at: harness.clock.wall.advanced(by: .seconds(10)))
        let runs = harness.send(.source(generation: 0, .sample(big))).launches
        #expect(runs.count == 1)
        #expect(runs.first?.invocation.environment["RECLAIMD_RECLAIMED_BYTES"] == "45000000")
        #expect(runs.first?.invocation.environment["RECLAIMD_RESOURCES"] == "filesystem")
        let state = try #require(harness.send(.flush).persisted.first)
        #expect(state.cursorTimeNano == engineEvent.time.nanoseconds, "the cursor is the engine's")
    }

    @Test("without a rule on filesystem events, [filesystem] is not sampled at all")
    func idleWithoutRule() {
        let configuration = AgentConfiguration(filesystem: FilesystemWatch(), rules: [trimRule()])
        #expect(configuration.activeFilesystemWatch == nil)
        var loop = AgentLoop(configuration: configuration, settings: AgentLoop.Settings())
        #expect(loop.start(restoring: .fresh, at: ClockReading.now()).follows.first?.request.filesystem == nil)
    }
}
