import Formats
/// A day of the proleptic Gregorian calendar in UTC, for grouping times by day or by ISO 8601 week.
///
/// UTC, not local time: reports read on one machine from a journal written on another group the same way, and no
/// time zone database is needed.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int64

    public init(daysSinceEpoch: Int64) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The UTC day `time` falls on.
    public init(_ time: Timestamp) {
        let seconds = time.seconds
        daysSinceEpoch = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    /// `2026-11-22`.
    public var description: String {
        let date = CivilDate(daysSinceEpoch: daysSinceEpoch)
        return "\(padded(date.year, width: 4))-\(padded(date.month, width: 2))-\(padded(date.day, width: 2))"
    }

    /// Monday = 1 ... Sunday = 7, as ISO 8601 numbers them (1970-01-01 was a Thursday).
    public var isoWeekday: Int64 {
        let fromMonday = (daysSinceEpoch + 3) % 7
        return (fromMonday < 0 ? fromMonday + 7 : fromMonday) + 1
    }

    /// The Monday that starts this day's ISO week.
    public var weekStart: CalendarDay {
        CalendarDay(daysSinceEpoch: daysSinceEpoch - (isoWeekday - 1))
    }

    /// The ISO 8601 week, `2026-W47`: weeks start on Monday, and week 1 is the one holding the year's first Thursday,
    /// so the first days of January may belong to the previous year's last week.
    public var isoWeek: String {
        let thursday = CivilDate(daysSinceEpoch: weekStart.daysSinceEpoch + 3)
        let january1 = CivilDate(year: thursday.year, month: 1, day: 1).daysSinceEpoch
        let week = (weekStart.daysSinceEpoch + 3 - january1) / 7 + 1
        return "\(padded(thursday.year, width: 4))-W\(padded(week, width: 2))"
    }

    /// Midnight UTC at the start of this day.
    public var start: Timestamp {
        Timestamp(seconds: daysSinceEpoch * 86_400)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }
}
