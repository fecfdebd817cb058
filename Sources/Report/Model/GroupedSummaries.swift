import Formats
import Time

/// The total and the `--by` groups being filled: every change goes to the total and to the group it belongs to.
struct GroupedSummaries {
    let grouping: ReportGrouping?
    private(set) var total = Summary()
    private var groups: [String: Summary] = [:]
    /// The earliest and latest time placed in a period group, to list the empty periods between them.
    private var periodRange: ClosedRange<Timestamp>?

    init(grouping: ReportGrouping?) {
        self.grouping = grouping
    }

    /// Applies `change` to the total and to the group of `time` (days, weeks), `rule`, `resource` or `host`.
    mutating func add(
        at time: Timestamp, host: String, rule: String? = nil, resource: String? = nil,
        _ change: (inout Summary) -> Void
    ) {
        change(&total)
        guard let grouping, let key = key(grouping, time: time, host: host, rule: rule, resource: resource) else {
            return
        }
        change(&groups[key, default: Summary()])
        if grouping.isPeriod {
            periodRange = periodRange.map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
        }
    }

    private func key(
        _ grouping: ReportGrouping, time: Timestamp, host: String, rule: String?, resource: String?
    ) -> String? {
        switch grouping {
        case .day, .week: return grouping.key(of: time)
        case .rule: return rule
        case .resource: return resource
        case .host: return host
        }
    }

    /// The groups in order, outages sorted by their start; every day or week between the first and last included.
    func finished() -> (total: Summary, groups: [Report.Group]) {
        var keys = groups.keys.sorted()
        if let grouping, grouping.isPeriod, let periodRange {
            keys = Self.periods(grouping, from: periodRange.lowerBound, to: periodRange.upperBound)
        }
        let list = keys.map { Report.Group(key: $0, summary: Self.sorted(groups[$0] ?? Summary())) }
        return (Self.sorted(total), list)
    }

    /// Day or week keys from `start` to `end`, each once.
    static func periods(_ grouping: ReportGrouping, from start: Timestamp, to end: Timestamp) -> [String] {
        let step: Int64 = grouping == .week ? 7 : 1
        var day = grouping == .week ? CalendarDay(start).weekStart : CalendarDay(start)
        let last = CalendarDay(end)
        var keys: [String] = []
        while day <= last {
            keys.append(grouping.key(of: day.start) ?? day.description)
            day = CalendarDay(daysSinceEpoch: day.daysSinceEpoch + step)
        }
        return keys
    }

    private static func sorted(_ summary: Summary) -> Summary {
        var summary = summary
        summary.outages.sort { $0.start < $1.start }
        return summary
    }
}
