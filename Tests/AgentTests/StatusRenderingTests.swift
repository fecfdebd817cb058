import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import Formats
import Time
import Testing

@Suite("Status as text and JSON")
struct StatusRenderingTests {
    static let now = Timestamp(seconds: 1_795_364_605)
    static let snapshot = StatusSnapshot(
        startedAt: now.advanced(by: .seconds(-3_600)), takenAt: now,
        engine: StatusSnapshot.Engine(
            description: "Docker/20.10.24 (API 1.41)", host: "unix:///var/run/docker.sock",
            connected: true, since: now.advanced(by: .seconds(-600)), reconnects: 2),
        lastEventTime: now.advanced(by: .seconds(-30)), eventsSeen: 12, bytesSeen: 9_322_288,
        rules: [
            StatusSnapshot.Rule(
                name: "trim", pendingEvents: 2, pendingBytes: 1_500_000,
                armedUntil: now.advanced(by: .seconds(8)), running: false,
                lastRun: StatusSnapshot.LastRun(
                    outcome: "success", endedAt: now.advanced(by: .seconds(-120)),
                    duration: .milliseconds(63))),
            StatusSnapshot.Rule(
                name: "notify", pendingEvents: 0, pendingBytes: 0, armedUntil: nil, running: true, lastRun: nil),
        ],
        policies: [])

    @Test("text: one line per subject, times in UTC with how long ago")
    func text() {
        #expect(
            StatusText.render(Self.snapshot) == """
                agent:       running since 2026-11-22T15:23:25Z (1h ago)
                engine:      Docker/20.10.24 (API 1.41) at unix:///var/run/docker.sock
                connection:  connected since 2026-11-22T16:13:25Z (10m ago), 2 reconnects
                events:      12 since start, last 2026-11-22T16:22:55Z (30s ago)
                reclaimed:   9.3 MB seen since start (prune reports)
                rules:
                  trim: pending 2 events, 1.5 MB, armed until 2026-11-22T16:23:33Z (in 8s); last run: success 2026-11-22T16:21:25Z (2m ago), took 63ms
                  notify: pending 0 events, 0 B, hook running; last run: none
                policies:    none

                """)
    }

    @Test("JSON: one object with the README's keys")
    func json() {
        #expect(
            StatusJSON.render(Self.snapshot)
                == #"{"started_at":"2026-11-22T15:23:25.000000000Z","taken_at":"2026-11-22T16:23:25.000000000Z","engine":{"description":"Docker/20.10.24 (API 1.41)","host":"unix:///var/run/docker.sock","connected":true,"since":"2026-11-22T16:13:25.000000000Z","reconnects":2},"last_event_time":"2026-11-22T16:22:55.000000000Z","events_seen":12,"bytes_seen":9322288,"rules":[{"name":"trim","pending_events":2,"pending_bytes":1500000,"armed_until":"2026-11-22T16:23:33.000000000Z","running":false,"last_run":{"outcome":"success","ended_at":"2026-11-22T16:21:25.000000000Z","duration_ms":63}},{"name":"notify","pending_events":0,"pending_bytes":0,"armed_until":null,"running":true,"last_run":null}],"policies":[]}"#
        )
    }

    @Test("policies: the next evaluation or one running, and the last one")
    func policies() {
        var status = Self.snapshot
        status.policies = [
            StatusSnapshot.Policy(
                name: "images", nextEvaluation: Self.now.advanced(by: .seconds(240)),
                lastEvaluation: StatusSnapshot.LastEvaluation(
                    outcome: "success", endedAt: Self.now.advanced(by: .seconds(-60)), removed: 3,
                    refused: 1, freed: 45_000_000)),
            StatusSnapshot.Policy(name: "cache", nextEvaluation: nil, evaluating: true),
        ]
        let text = StatusText.render(status)
        #expect(
            text.hasSuffix(
                """
                policies:
                  images: next evaluation 2026-11-22T16:27:25Z (in 4m); last evaluation: success 2026-11-22T16:22:25Z (1m ago), removed 3, refused 1, freed 45.0 MB
                  cache: evaluating now; last evaluation: none

                """), "\(text)")
        #expect(
            StatusJSON.render(status).hasSuffix(
                #""policies":[{"name":"images","next_evaluation":"2026-11-22T16:27:25.000000000Z","evaluating":false,"last_evaluation":{"outcome":"success","ended_at":"2026-11-22T16:22:25.000000000Z","removed":3,"refused":1,"freed_bytes":45000000}},{"name":"cache","next_evaluation":null,"evaluating":true,"last_evaluation":null}]}"#
            ))
    }
}
