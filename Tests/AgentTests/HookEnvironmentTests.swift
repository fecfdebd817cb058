import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import Formats
import Time
import Rules
import Testing

@Suite("the hook's environment")
struct HookEnvironmentTests {
    @Test("a rule's env is kept, and the contract's variables win over it")
    func contractWins() throws {
        var rule = trimRule()
        rule.environment = ["WEBHOOK_URL": "http://127.0.0.1:1/", "RECLAIMD_RULE": "spoofed"]
        let event = RuleEvent(
            resource: "volume", action: "prune", reclaimedBytes: 7, time: Timestamp(seconds: 1), json: "{}")
        var engine = RuleDecider(rules: [trimRule(quiet: .zero)])
        engine.collect(event, at: MonotonicTime(nanoseconds: 0))
        engine.collect(event, at: MonotonicTime(nanoseconds: 0))
        let decision = try #require(engine.advance(to: MonotonicTime(nanoseconds: 0)).first)
        let environment = HookEnvironment.build(
            rule: rule, decision: decision,
            engine: HookEnvironment.EngineContext(
                kind: "podman", host: "unix:///run/podman/podman.sock", dataRoot: "/var/lib/containers/storage"),
            lang: nil)
        #expect(environment["WEBHOOK_URL"] == "http://127.0.0.1:1/")
        #expect(environment["RECLAIMD_RULE"] == "trim")
        #expect(environment["RECLAIMD_ENGINE"] == "podman")
        #expect(environment["RECLAIMD_EVENT_COUNT"] == "2")
        #expect(environment["RECLAIMD_RECLAIMED_BYTES"] == "14")
        #expect(environment["RECLAIMD_FIRST_EVENT_TIME"] == "1970-01-01T00:00:01.000000000Z")
        #expect(environment["LANG"] == nil, "the agent had none")
        #expect(environment["PATH"] == HookEnvironment.path)
    }
}
