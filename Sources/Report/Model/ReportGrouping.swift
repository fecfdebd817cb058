import Formats
import Time

/// How `--by` splits the window.
public enum ReportGrouping: String, Sendable, CaseIterable {
    /// UTC calendar days.
    case day
    /// ISO 8601 weeks (Monday to Sunday, UTC).
    case week
    /// Rules: their runs and fstrim reports. Events, gaps and outages belong to no rule.
    case rule
    /// Resource types: their events. Runs, gaps and outages belong to no resource.
    case resource
    /// Machines, by the `_HOSTNAME` journald stamped on each entry (`_MACHINE_ID` when it has none): every entry
    /// belongs to the machine that wrote it, as in journals merged by systemd-journal-remote.
    case host

    /// The group of an entry that names neither its host nor its machine ID.
    static let unknownHost = "(unknown host)"

    /// The group of a time, for day and week.
    func key(of time: Timestamp) -> String? {
        switch self {
        case .day: return CalendarDay(time).description
        case .week: return CalendarDay(time).isoWeek
        case .rule, .resource, .host: return nil
        }
    }

    /// Whether groups are periods of time, shown in order with empty periods included.
    public var isPeriod: Bool { self == .day || self == .week }
}
