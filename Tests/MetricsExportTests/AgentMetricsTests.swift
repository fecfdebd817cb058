import AgentCore
import AgentRuntime
import Formats
import Time
import MetricsExport
import Testing

@Suite("Metrics: names, labels, exposition")
struct AgentMetricsTests {
    private func snapshot(connected: Bool, pending: [(String, UInt64)], lastEvent: Timestamp?) -> StatusSnapshot {
        StatusSnapshot(
            startedAt: Timestamp(seconds: 0), takenAt: Timestamp(seconds: 10),
            engine: StatusSnapshot.Engine(description: "", host: "", connected: connected, since: nil, reconnects: 0),
            lastEventTime: lastEvent, eventsSeen: 0, bytesSeen: 0,
            rules: pending.map {
                StatusSnapshot.Rule(
                    name: $0.0, pendingEvents: 1, pendingBytes: $0.1, armedUntil: nil, running: false, lastRun: nil)
            },
            policies: [])
    }

    private func exposition(_ metrics: AgentMetrics) -> String {
        String(decoding: metrics.exposition(), as: UTF8.self)
    }

    @Test("names follow Prometheus' conventions: prefix, snake case, _total on counters only, base units")
    func naming() {
        for metric in MetricName.all {
            #expect(metric.name.hasPrefix("reclaimd_"))
            #expect(metric.name.allSatisfy { $0.isLowercase || $0 == "_" }, "\(metric.name)")
            #expect(!metric.help.isEmpty)
            #expect(metric.labels.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } })
        }
        #expect(MetricName.labelValue("dry run") == "dry_run")
        #expect(
            MetricName.hookRuns.labelled(["trim", "dry run"]).map { "\($0)=\($1)" } == ["rule=trim", "outcome=dry_run"])
    }

    @Test("a fresh registry already shows the connection and the zero counters")
    func fresh() {
        let text = exposition(AgentMetrics())
        #expect(
            text.contains(
                "# HELP reclaimd_engine_reconnects_total Connections to the engine after the first.\n# TYPE reclaimd_engine_reconnects_total counter\nreclaimd_engine_reconnects_total 0\n"
            ))
        #expect(text.contains("reclaimd_journal_fallback_entries_total 0\n"))
        #expect(text.contains("# TYPE reclaimd_engine_connected gauge\nreclaimd_engine_connected 0.0\n"))
    }

    @Test("observations and snapshots become labelled samples")
    func samples() {
        let metrics = AgentMetrics()
        metrics.observe(.event(resource: "image", kind: "prune", reclaimedBytes: 9_322_288))
        metrics.observe(.event(resource: "image", kind: "prune", reclaimedBytes: nil))
        metrics.observe(.event(resource: "volume", kind: "remove", reclaimedBytes: nil))
        metrics.observe(.run(rule: "trim", outcome: "dry run", duration: .milliseconds(700)))
        metrics.observe(.reconnected)
        metrics.publish(
            snapshot(
                connected: true, pending: [("trim", 5), ("held", 42)],
                lastEvent: Timestamp(nanoseconds: 1_795_364_605_500_000_000)),
            journalFallbacks: 3)
        metrics.publish(snapshot(connected: true, pending: [("trim", 0)], lastEvent: nil), journalFallbacks: 4)
        let text = exposition(metrics)
        for line in [
            #"reclaimd_events_total{resource="image",action="prune"} 2"#,
            #"reclaimd_events_total{resource="volume",action="remove"} 1"#,
            #"reclaimd_reclaimed_bytes_total{resource="image"} 9322288"#,
            #"reclaimd_hook_runs_total{rule="trim",outcome="dry_run"} 1"#,
            #"reclaimd_hook_duration_seconds_bucket{rule="trim",le="0.5"} 0"#,
            #"reclaimd_hook_duration_seconds_bucket{rule="trim",le="1.0"} 1"#,
            #"reclaimd_hook_duration_seconds_count{rule="trim"} 1"#,
            "reclaimd_engine_reconnects_total 1",
            "reclaimd_engine_connected 1.0",
            "reclaimd_last_event_timestamp_seconds 1795364605.5",
            #"reclaimd_pending_batch_bytes{rule="trim"} 0.0"#,
            "reclaimd_journal_fallback_entries_total 4",
        ] {
            #expect(text.contains(line + "\n"), "\(line) in:\n\(text)")
        }
        #expect(!text.contains(#"rule="held""#), "a rule gone after a reload loses its gauge")
        #expect(!text.contains(#"reclaimd_reclaimed_bytes_total{resource="volume"}"#), "no bytes for removals")
    }

    @Test("policy evaluations: counted by outcome and trigger, removals by resource, reason and trigger, freed bytes")
    func policies() {
        let metrics = AgentMetrics()
        var result = PolicyResult()
        result.removed = [
            PolicyResult.Removals(resource: "image", reason: "size"): 3,
            PolicyResult.Removals(resource: "container", reason: "max_unused"): 1,
        ]
        result.freed = 45_000_000
        result.refused = 2
        metrics.observe(.policy(name: "images", outcome: "success", trigger: .start, result: result))
        metrics.observe(.policy(name: "images", outcome: "dry run", trigger: .event, result: PolicyResult()))
        let text = exposition(metrics)
        for line in [
            #"reclaimd_gc_evaluations_total{policy="images",outcome="success",trigger="start"} 1"#,
            #"reclaimd_gc_evaluations_total{policy="images",outcome="dry_run",trigger="event"} 1"#,
            #"reclaimd_gc_removals_total{policy="images",resource="image",reason="size",trigger="start"} 3"#,
            #"reclaimd_gc_removals_total{policy="images",resource="container",reason="max_unused",trigger="start"} 1"#,
            #"reclaimd_gc_freed_bytes_total{policy="images",trigger="start"} 45000000"#,
            #"reclaimd_gc_refused_removals_total{policy="images"} 2"#,
        ] {
            #expect(text.contains(line + "\n"), "\(line) in:\n\(text)")
        }
    }
}
