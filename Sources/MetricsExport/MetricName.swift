/// reclaimd's metrics as Prometheus sees them: names, help, label names. Pure, and the one place that names
/// them (the README's Metrics section lists the same).
///
/// Conventions (prometheus.io/docs/practices/naming): the `reclaimd_` prefix, base units (bytes, seconds),
/// `_total` on counters only, snake_case label names, label values from a bounded set (resources, kinds,
/// rule names, outcomes).
public struct MetricName: Sendable, Equatable {
    public var name: String
    public var help: String
    public var labels: [String]

    public static let events = MetricName(
        name: "reclaimd_events_total",
        help: "Events handled, by resource and engine-neutral action (prune, remove, freed).",
        labels: ["resource", "action"])
    public static let reclaimedBytes = MetricName(
        name: "reclaimd_reclaimed_bytes_total", help: "Bytes the engine reported reclaimed by prunes, by resource.",
        labels: ["resource"])
    public static let hookRuns = MetricName(
        name: "reclaimd_hook_runs_total",
        help: "Hook runs ended, by rule and outcome (success, failure, timeout, dry_run).",
        labels: ["rule", "outcome"])
    public static let hookDuration = MetricName(
        name: "reclaimd_hook_duration_seconds", help: "How long hook runs took, by rule.", labels: ["rule"])
    public static let engineConnected = MetricName(
        name: "reclaimd_engine_connected", help: "1 while the agent is connected to the engine, else 0.", labels: [])
    public static let engineReconnects = MetricName(
        name: "reclaimd_engine_reconnects_total", help: "Connections to the engine after the first.", labels: [])
    public static let lastEventTimestamp = MetricName(
        name: "reclaimd_last_event_timestamp_seconds",
        help: "Unix time of the last event handled (the engine's stamp).",
        labels: [])
    public static let pendingBatchBytes = MetricName(
        name: "reclaimd_pending_batch_bytes", help: "Reclaimed bytes in each rule's pending batch.", labels: ["rule"])
    public static let journalFallbackEntries = MetricName(
        name: "reclaimd_journal_fallback_entries_total",
        help: "Journal entries written to stderr because the journal could not take them.", labels: [])

    public static let gcEvaluations = MetricName(
        name: "reclaimd_gc_evaluations_total",
        help:
            "Garbage-collection policy evaluations ended, by policy, outcome (success, failure, dry_run) and trigger (start, interval, event).",
        labels: ["policy", "outcome", "trigger"])
    public static let gcRemovals = MetricName(
        name: "reclaimd_gc_removals_total",
        help:
            "Objects garbage-collection policies removed, by policy, resource, reason (size, max_unused) and trigger.",
        labels: ["policy", "resource", "reason", "trigger"])
    public static let gcRefusedRemovals = MetricName(
        name: "reclaimd_gc_refused_removals_total",
        help: "Removals garbage-collection policies asked for and the engine refused (in use, conflict), by policy.",
        labels: ["policy"])
    public static let gcFreedBytes = MetricName(
        name: "reclaimd_gc_freed_bytes_total",
        help: "Bytes garbage-collection policies freed, as the engine measured them, by policy and trigger.",
        labels: ["policy", "trigger"])

    public static let connectionsRefused = MetricName(
        name: "reclaimd_connections_refused_total",
        help:
            "Clients the metrics endpoint or the status socket refused or dropped, by listener and reason (too_many, header_timeout, idle_timeout, too_large).",
        labels: ["listener", "reason"])

    /// Every metric reclaimd has.
    public static let all = [
        events, reclaimedBytes, hookRuns, hookDuration, engineConnected, engineReconnects,
        lastEventTimestamp, pendingBatchBytes, journalFallbackEntries, gcEvaluations, gcRemovals,
        gcRefusedRemovals, gcFreedBytes, connectionsRefused,
    ]

    /// The hook duration histogram's buckets: from a quick fstrim to a long cleanup hook.
    public static let hookDurationBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        .seconds(300), .seconds(600), .seconds(1800),
    ]

    /// A label value as it is exposed: an outcome's `dry run` becomes `dry_run`; the rest stay as they are.
    public static func labelValue(_ value: String) -> String {
        String(value.map { $0 == " " ? "_" : $0 })
    }

    /// The name and label pairs, checked: one value per label name.
    public func labelled(_ values: [String]) -> [(String, String)] {
        precondition(values.count == labels.count, "\(name) takes \(labels.count) label values")
        return zip(labels, values.map(Self.labelValue)).map { ($0, $1) }
    }
}
