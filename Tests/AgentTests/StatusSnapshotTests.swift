import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import Formats
import Time
import Rules
import Testing

@Suite("Status snapshot from the loop's state")
struct StatusSnapshotTests {
    private func observations(_ effects: [AgentEffect]) -> [AgentObservation] {
        effects.compactMap { if case .observe(let observation) = $0 { return observation } else { return nil } }
    }

    @Test("pending batches, armed-until, last runs and the connection come from the loop's state")
    func snapshotFromLoop() {
        var harness = LoopHarness(rules: [trimRule("trim", quiet: .seconds(10)), trimRule("held", threshold: 1_000)])
        let start = harness.clock.wall
        var status = harness.loop.statusSnapshot(at: harness.clock)
        #expect(status.engine.connected == false && status.engine.since == nil)
        #expect(status.startedAt == start)
        harness.pass(.seconds(1))
        harness.connect()
        let connectedAt = harness.clock.wall
        let event = harness.event(bytes: 400)
        harness.deliver(event)
        status = harness.loop.statusSnapshot(at: harness.clock)
        #expect(
            status.engine
                == StatusSnapshot.Engine(
                    description: "Docker/test (API 1.41)", host: "unix:///test.sock",
                    connected: true, since: connectedAt, reconnects: 0))
        #expect(status.eventsSeen == 1 && status.bytesSeen == 400 && status.lastEventTime == event.time)
        #expect(status.rules.map(\.name) == ["trim", "held"])
        #expect(status.rules[0].pendingEvents == 1 && status.rules[0].pendingBytes == 400)
        #expect(
            status.rules[0].armedUntil == connectedAt.advanced(by: .seconds(10)), "threshold 0: armed, due after quiet")
        #expect(status.rules[1].pendingBytes == 400 && status.rules[1].armedUntil == nil, "below its threshold")
        #expect(status.policies.isEmpty)

        harness.pass(.seconds(10))  // quiet passed: trim runs
        #expect(harness.loop.statusSnapshot(at: harness.clock).rules[0].running)
        harness.pass(.milliseconds(1500))
        harness.endRun("trim", outcome: "failure")
        status = harness.loop.statusSnapshot(at: harness.clock)
        #expect(
            status.rules[0].lastRun
                == StatusSnapshot.LastRun(
                    outcome: "failure", endedAt: harness.clock.wall,
                    duration: .milliseconds(1500)))
        #expect(status.rules[0].pendingEvents == 0 && !status.rules[0].running)
        #expect(status.takenAt == harness.clock.wall)
    }

    @Test("a lost and regained engine: disconnected since the loss, then one reconnect")
    func reconnects() {
        var harness = LoopHarness(rules: [trimRule()])
        harness.connect()
        harness.pass(.seconds(5))
        let lostAt = harness.clock.wall
        harness.send(.source(generation: 0, .disconnected(reason: "connection refused")))
        harness.pass(.seconds(5))
        harness.send(.source(generation: 0, .disconnected(reason: "connection refused")))
        var status = harness.loop.statusSnapshot(at: harness.clock)
        #expect(
            !status.engine.connected && status.engine.since == lostAt, "since the first failure, not the last retry")
        harness.connect()
        status = harness.loop.statusSnapshot(at: harness.clock)
        #expect(status.engine.connected && status.engine.reconnects == 1)
    }

    @Test("bytes seen saturate instead of wrapping")
    func bytesSeenSaturate() {
        var harness = LoopHarness(rules: [trimRule(threshold: .max)])
        harness.connect()
        harness.deliver(harness.event(bytes: .max - 5))
        harness.deliver(harness.event(bytes: 10))
        #expect(harness.loop.statusSnapshot(at: harness.clock).bytesSeen == .max)
    }

    @Test("observations for the metrics only when the agent keeps metrics")
    func observationsOnlyWhenObserved() {
        var quiet = LoopHarness(rules: [trimRule(quiet: .zero)])
        quiet.connect()
        quiet.deliver(quiet.event(bytes: 7))
        #expect(observations(quiet.effects).isEmpty)

        var observed = LoopHarness(rules: [trimRule(quiet: .zero)], settings: AgentLoop.Settings(observed: true))
        observed.connect()
        observed.deliver(observed.event(bytes: 7))
        observed.pass(.milliseconds(250))
        observed.endRun("trim")
        observed.send(.source(generation: 0, .disconnected(reason: "gone")))
        observed.connect()
        #expect(
            observations(observed.effects) == [
                .event(resource: "volume", kind: "prune", reclaimedBytes: 7),
                .run(rule: "trim", outcome: "success", duration: .milliseconds(250)),
                .reconnected,
            ])
    }
}
