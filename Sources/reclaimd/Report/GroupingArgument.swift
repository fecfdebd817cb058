import ArgumentParser
import Report

/// `--by`'s values, as the argument parser reads them.
enum GroupingArgument: String, ExpressibleByArgument, CaseIterable {
    case day, week, rule, resource, host

    var grouping: ReportGrouping {
        switch self {
        case .day: return .day
        case .week: return .week
        case .rule: return .rule
        case .resource: return .resource
        case .host: return .host
        }
    }
}
