import AgentCore
import AgentRuntime
import CoreMetrics
import Formats
import Time
import Prometheus
import Synchronization

/// reclaimd's metrics, recorded through swift-metrics' API into a swift-prometheus registry of their own.
///
/// The factory is passed to each metric rather than bootstrapped into `MetricsSystem`: nothing global, and an
/// agent without `[metrics]` never creates this (no registry, no metric). Metrics with labels are made when a
/// label value first occurs; each carries its help text (`MetricName`), which `promtool check metrics` wants.
public final class AgentMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let state: Mutex<State>

    private struct State {
        var counters: [String: CoreMetrics.Counter] = [:]
        var meters: [String: (meter: CoreMetrics.Meter, gauge: Prometheus.Gauge)] = [:]
        var timers: [String: CoreMetrics.Timer] = [:]
        var journalFallbacks = 0
    }

    public init() {
        factory = PrometheusMetricsFactory(registry: registry)
        state = Mutex(State())
        // Present from the start, at 0: a scraper sees them before anything happens.
        counter(.engineReconnects).increment(by: 0)
        counter(.journalFallbackEntries).increment(by: 0)
        meter(.engineConnected).set(0)
    }

    /// Counts what the loop observed.
    public func observe(_ observation: AgentObservation) {
        switch observation {
        case .event(let resource, let kind, let bytes):
            counter(.events, resource, kind).increment()
            if let bytes { counter(.reclaimedBytes, resource).increment(by: Int64(clamping: bytes)) }
        case .run(let rule, let outcome, let duration):
            counter(.hookRuns, rule, outcome).increment()
            timer(.hookDuration, rule).recordNanoseconds(duration.totalNanoseconds)
        case .reconnected:
            counter(.engineReconnects).increment()
        case .connectionRefused(let listener, let reason):
            counter(.connectionsRefused, listener, reason).increment()
        case .policy(let name, let outcome, let trigger, let result):
            observePolicy(name, outcome: outcome, trigger: trigger.rawValue, result: result)
        }
    }

    /// A policy's evaluation: counted by outcome and trigger, its removals by resource, reason and trigger, the bytes
    /// it freed.
    private func observePolicy(_ name: String, outcome: String, trigger: String, result: PolicyResult) {
        counter(.gcEvaluations, name, outcome, trigger).increment()
        for (removals, count) in result.removed {
            counter(.gcRemovals, name, removals.resource, removals.reason, trigger).increment(by: Int64(count))
        }
        // Present at 0 from a policy's first evaluation, so an alert on its increase sees the first refusal.
        counter(.gcRefusedRemovals, name).increment(by: Int64(result.refused))
        counter(.gcFreedBytes, name, trigger).increment(by: Int64(clamping: result.freed))
    }

    /// Sets the gauges from the loop's status: the connection, the last event, each rule's pending batch.
    public func publish(_ snapshot: StatusSnapshot, journalFallbacks: Int) {
        meter(.engineConnected).set(snapshot.engine.connected ? 1 : 0)
        if let last = snapshot.lastEventTime {
            meter(.lastEventTimestamp).set(Double(last.nanoseconds) / 1e9)
        }
        for rule in snapshot.rules {
            meter(.pendingBatchBytes, rule.name).set(Double(rule.pendingBytes))
        }
        dropPendingGauges(except: Set(snapshot.rules.map(\.name)))
        let added = state.withLock { state in
            defer { state.journalFallbacks = max(state.journalFallbacks, journalFallbacks) }
            return journalFallbacks - state.journalFallbacks
        }
        if added > 0 { counter(.journalFallbackEntries).increment(by: Int64(added)) }
    }

    /// The exposition, in Prometheus' text format.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    private func counter(_ metric: MetricName, _ values: String...) -> CoreMetrics.Counter {
        let labels = metric.labelled(values)
        return state.withLock { state in
            let key = Self.key(metric, labels)
            if let known = state.counters[key] { return known }
            let handler = registry.makeCounter(descriptor: metric.descriptor, labels: labels)
            let counter = CoreMetrics.Counter(
                label: metric.name, dimensions: labels, handler: handler, factory: factory)
            state.counters[key] = counter
            return counter
        }
    }

    private func meter(_ metric: MetricName, _ values: String...) -> CoreMetrics.Meter {
        let labels = metric.labelled(values)
        return state.withLock { state in
            let key = Self.key(metric, labels)
            if let known = state.meters[key] { return known.meter }
            let gauge = registry.makeGauge(descriptor: metric.descriptor, labels: labels)
            let meter = CoreMetrics.Meter(label: metric.name, dimensions: labels, handler: gauge, factory: factory)
            state.meters[key] = (meter, gauge)
            return meter
        }
    }

    private func timer(_ metric: MetricName, _ values: String...) -> CoreMetrics.Timer {
        let labels = metric.labelled(values)
        return state.withLock { state in
            let key = Self.key(metric, labels)
            if let known = state.timers[key] { return known }
            let handler = registry.makeDurationHistogram(
                descriptor: metric.descriptor, labels: labels, buckets: MetricName.hookDurationBuckets)
            let timer = CoreMetrics.Timer(label: metric.name, dimensions: labels, handler: handler, factory: factory)
            state.timers[key] = timer
            return timer
        }
    }

    /// A rule removed by a reload has no pending batch any more: its gauge goes.
    private func dropPendingGauges(except rules: Set<String>) {
        let prefix = MetricName.pendingBatchBytes.name + "\u{0}"
        let stale = state.withLock { state -> [Prometheus.Gauge] in
            let keys = state.meters.keys.filter { key in
                key.hasPrefix(prefix) && !rules.contains(String(key.dropFirst(prefix.count + "rule=".count)))
            }
            return keys.compactMap { state.meters.removeValue(forKey: $0)?.gauge }
        }
        for gauge in stale { registry.unregisterGauge(gauge) }
    }

    private static func key(_ metric: MetricName, _ labels: [(String, String)]) -> String {
        ([metric.name] + labels.map { "\($0)=\($1)" }).joined(separator: "\u{0}")
    }
}

extension MetricName {
    /// For the registry: the whole name, and the help text `promtool check metrics` wants.
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
