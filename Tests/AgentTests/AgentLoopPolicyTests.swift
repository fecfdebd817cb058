import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import EventModel
import Formats
import Time
import Policies
import Rules
import Testing

/// When the loop evaluates policies: 5 s after start once connected, at each interval, after pulls, builds, loads and
/// creations (debounced), never two of one policy at once, never while the engine is unreachable.
@Suite("Agent loop: policy scheduling")
struct AgentLoopPolicyTests {
    static let policy = PolicyDefinition(name: "images", maxTotalSize: .bytes(1), interval: .seconds(300))

    static func evaluations(_ effects: [AgentEffect]) -> [String] {
        effects.compactMap { effect in
            if case .evaluatePolicy(let run) = effect { return run.policy.name }
            return nil
        }
    }

    @Test("5 s after start once connected, then at its interval; never two at once; none while the engine is away")
    func interval() {
        var harness = LoopHarness(rules: [], policies: [Self.policy])
        #expect(Self.evaluations(harness.effects).isEmpty, "not before the engine answered")
        #expect(Self.evaluations(harness.connect()).isEmpty, "the replay from the cursor comes first")
        #expect(Self.evaluations(harness.pass(.seconds(5))) == ["images"], "5 s after start")
        #expect(Self.evaluations(harness.pass(.seconds(600))).isEmpty, "the first is still running")
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        #expect(Self.evaluations(harness.pass(.seconds(299))).isEmpty)
        #expect(Self.evaluations(harness.pass(.seconds(1))) == ["images"])
        harness.send(.policyEvaluated(policy: "images", failure: "the engine went away"))
        harness.send(.source(generation: 0, .disconnected(reason: "gone")))
        #expect(Self.evaluations(harness.pass(.seconds(900))).isEmpty, "never while the engine is unreachable")
        #expect(Self.evaluations(harness.connect()) == ["images"], "the one that fell due runs once it is back")
    }

    /// The triggers of the evaluations among `effects`.
    static func triggers(_ effects: [AgentEffect]) -> [EvaluationTrigger] {
        effects.compactMap { effect in
            if case .evaluatePolicy(let run) = effect { return run.trigger }
            return nil
        }
    }

    @Test("each evaluation says why: start, then interval, event (also one asked for while running), interval")
    func triggerOfEach() {
        var harness = LoopHarness(rules: [], policies: [Self.policy])
        harness.connect()
        #expect(Self.triggers(harness.pass(.seconds(5))) == [.start])
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        #expect(Self.triggers(harness.pass(.seconds(300))) == [.interval])
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        harness.send(.source(generation: 0, .event(Self.creation(&harness))))
        #expect(Self.triggers(harness.pass(.seconds(5))) == [.event], "the event brought it forward")
        harness.send(.source(generation: 0, .event(Self.creation(&harness))))
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        #expect(Self.triggers(harness.pass(.seconds(5))) == [.event], "asked for while it ran")
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        #expect(Self.triggers(harness.pass(.seconds(300))) == [.interval])
    }

    @Test("pulls, builds, loads and creations ask for one debounced evaluation; other events do not; last use is kept")
    func events() {
        var harness = LoopHarness(rules: [], policies: [Self.policy])
        harness.connect()
        harness.pass(.seconds(5))
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        var pull = harness.event("image", bytes: nil, action: "pull")
        pull.actorID = "app:1"
        pull.kind = EventKind.use
        pull.imageUse = ImageUse(images: ["app:1"], bringsData: true)
        harness.send(.source(generation: 0, .event(pull)))
        harness.send(.source(generation: 0, .event(Self.creation(&harness))))
        #expect(Self.evaluations(harness.pass(.seconds(4))).isEmpty)
        #expect(Self.evaluations(harness.pass(.seconds(1))) == ["images"], "5 s after the burst")
        // A creation while it runs: exactly one more, debounced, after it ends.
        harness.send(.source(generation: 0, .event(Self.creation(&harness))))
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        #expect(Self.evaluations(harness.pass(.seconds(5))) == ["images"])
        harness.send(.policyEvaluated(policy: "images", failure: nil))
        harness.send(.source(generation: 0, .event(harness.event("volume", bytes: 10, action: "prune"))))
        #expect(Self.evaluations(harness.pass(.seconds(60))).isEmpty)
        let persisted = harness.send(.stop).compactMap { effect -> AgentState? in
            if case .persist(let state) = effect { return state }
            return nil
        }
        #expect(persisted.last?.imageLastUse["app:1"] == pull.time.nanoseconds, "last use is persisted")
    }

    /// A container's creation as an adapter reports it: a use of its image that brings data.
    static func creation(_ harness: inout LoopHarness) -> ReclaimEvent {
        var event = harness.event("container", bytes: nil, action: "create")
        event.kind = EventKind.use
        event.imageUse = ImageUse(images: ["base:1"], bringsData: true)
        return event
    }

    @Test("with policies, the subscription also asks for the events that show images in use")
    func filter() {
        let selection = AgentLoop.selection(AgentConfiguration(rules: [.builtInTrim], policies: [Self.policy]))
        #expect(selection.resources == ["builder", "container", "image", "volume"])
        #expect(selection.kinds == [EventKind.prune, EventKind.remove, EventKind.use])
        #expect(
            AgentLoop.selection(AgentConfiguration(rules: [.builtInTrim])).kinds == [EventKind.prune, EventKind.remove])
        #expect(
            AgentLoop.selection(AgentConfiguration(rules: [])) == .prunes, "without rules, prunes are still audited")
    }

    @Test("an evaluation's result reaches the status and, with metrics on, an observation")
    func result() throws {
        var harness = LoopHarness(rules: [], policies: [Self.policy], settings: AgentLoop.Settings(observed: true))
        harness.connect()
        #expect(Self.evaluations(harness.pass(.seconds(5))) == ["images"])
        var status = harness.loop.statusSnapshot(at: harness.clock)
        #expect(status.policies.map(\.name) == ["images"])
        #expect(
            status.policies[0].evaluating && status.policies[0].nextEvaluation == nil
                && status.policies[0].lastEvaluation == nil)
        let removal = Removal(
            policy: "images", resource: "image", id: "sha256:a", references: ["app:1"], size: 10,
            lastUsed: Timestamp(seconds: 1), reason: .size)
        let result = PolicyResult(
            outcomes: [
                RemovalOutcome(removal: removal, removed: true),
                RemovalOutcome(removal: removal, removed: false, error: "conflict"),
            ],
            summaries: [
                EvaluationSummary(
                    policy: "images", resource: "image", dryRun: false, usageBefore: 30,
                    usageAfter: 20, freed: 10, count: 1, failed: 1)
            ],
            dryRun: false)
        let effects = harness.send(.policyEvaluated(policy: "images", failure: nil, result: result))
        let observed = effects.contains { effect in
            if case .observe(.policy(name: "images", outcome: "success", trigger: .start, result: result)) = effect {
                return true
            }
            return false
        }
        #expect(observed, "with metrics on, the result is observed: \(effects)")
        status = harness.loop.statusSnapshot(at: harness.clock)
        let policy = try #require(status.policies.first)
        #expect(!policy.evaluating)
        #expect(policy.nextEvaluation == harness.clock.wall.advanced(by: .seconds(300)), "an interval later")
        #expect(
            policy.lastEvaluation
                == StatusSnapshot.LastEvaluation(
                    outcome: "success", endedAt: harness.clock.wall, removed: 1, refused: 1, freed: 10))
        harness.send(.policyEvaluated(policy: "images", failure: "the engine went away", result: PolicyResult()))
        #expect(harness.loop.statusSnapshot(at: harness.clock).policies[0].lastEvaluation?.outcome == "failure")
    }
}
