import Formats
import Time
import JournalFormat

/// Builds a `Report` from journal records: pure, no I/O, so every rule of the aggregation is a unit test.
///
/// Records outside the window are left out (the reader seeks, but journal order is not strictly wall-clock order).
/// Records may come in any order: `build()` orders them by time, which outages need.
public struct ReportBuilder: Sendable {
    private var report: Report
    private var items: [(time: Timestamp, host: String, item: ReportItem)] = []

    public init(since: Timestamp? = nil, until: Timestamp? = nil, grouping: ReportGrouping? = nil) {
        report = Report(since: since, until: until, grouping: grouping)
    }

    /// Reads one entry; one outside the window is not counted at all.
    public mutating func add(_ record: ReportRecord) {
        if let since = report.since, record.time < since { return }
        if let until = report.until, record.time > until { return }
        report.entries += 1
        report.firstEntry = min(report.firstEntry ?? record.time, record.time)
        report.lastEntry = max(report.lastEntry ?? record.time, record.time)
        switch RecordDecoder.decode(record) {
        case .skipped(let reason): report.skipped[reason, default: 0] += 1
        case .ignored: break
        case let item: items.append((record.time, Self.host(of: record), item))
        }
    }

    /// The report of everything added.
    public func build() -> Report {
        var report = self.report
        var summaries = GroupedSummaries(grouping: report.grouping)
        // Event keys and PIDs are a machine's own: two machines of a merged journal may repeat either.
        var seenEvents: Set<MachineScoped<String>> = []
        var open: [MachineScoped<Int>: Outage] = [:]
        let ordered = items.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        for (time, host, item) in ordered.map(\.element) {
            switch item {
            case .event(let event):
                if let key = event.key, !seenEvents.insert(MachineScoped(host, key)).inserted {
                    report.duplicateEvents += 1
                    continue
                }
                summaries.add(at: time, host: host, resource: event.resource) { $0.count(event) }
            case .run(let rule, let outcome, let milliseconds):
                summaries.add(at: time, host: host, rule: rule) {
                    $0.countRun(rule: rule, outcome: outcome, milliseconds: milliseconds)
                }
            case .trim(let rule, let line):
                summaries.add(at: time, host: host, rule: rule) { $0.countTrim(rule: rule, bytes: line.bytes) }
            case .policyRemoval(let removal):
                summaries.add(at: time, host: host, resource: removal.resource) { $0.countPolicyRemoval(removal) }
            case .policyEvaluation(let policy, let trigger):
                summaries.add(at: time, host: host) { $0.countPolicyEvaluation(policy, trigger: trigger) }
            case .gap(let gap):
                summaries.add(at: time, host: host) { $0.gaps.append(gap) }
            case .engineLost(let pid, let engineHost):
                let process = MachineScoped(host, pid)
                if open[process] == nil {
                    open[process] = Outage(pid: pid, machine: host, host: engineHost, start: time, end: nil)
                }
            case .engineConnected(let pid):
                guard var outage = open.removeValue(forKey: MachineScoped(host, pid)) else { continue }
                outage.end = time
                summaries.add(at: outage.start, host: host) { $0.outages.append(outage) }
            case .skipped, .ignored:
                continue
            }
        }
        for outage in open.values {
            summaries.add(at: outage.start, host: outage.machine) { $0.outages.append(outage) }
        }
        (report.total, report.groups) = summaries.finished()
        return report
    }
}

extension ReportBuilder {
    /// The machine that wrote an entry: its `_HOSTNAME`, else its `_MACHINE_ID`.
    static func host(of record: ReportRecord) -> String {
        for field in [ReportField.hostname, ReportField.machineID] {
            if let value = record[field], !value.isEmpty { return value }
        }
        return ReportGrouping.unknownHost
    }

    /// A value of one machine's: an event key or a PID.
    private struct MachineScoped<Value: Hashable>: Hashable {
        var machine: String
        var value: Value

        init(_ machine: String, _ value: Value) {
            self.machine = machine
            self.value = value
        }
    }

    /// The journal matches that select every entry a report reads: reclaimd's own (SYSLOG_IDENTIFIER=reclaimd),
    /// of the kinds it counts.
    public static let journalMatches: [String] =
        ["SYSLOG_IDENTIFIER=reclaimd"]
        + [
            MessageID.eventReceived, .runFinished, .hookOutput, .eventsMayBeMissed, .engineLost, .engineConnected,
            .policyRemoval, .policyEvaluated,
        ].map { "MESSAGE_ID=\($0.hex)" }
}
