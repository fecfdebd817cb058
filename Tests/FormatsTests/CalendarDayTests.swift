import Formats
import Time
import Testing

@Suite("CalendarDay")
struct CalendarDayTests {
    @Test("names the UTC day of a time, also before the epoch")
    func namesTheDay() throws {
        #expect(CalendarDay(Timestamp(nanoseconds: 1_795_364_605_762_178_784)).description == "2026-11-22")
        #expect(CalendarDay(Timestamp(nanoseconds: 0)).description == "1970-01-01")
        #expect(CalendarDay(Timestamp(nanoseconds: -1)).description == "1969-12-31")
        let lastNanosecond = try #require(Timestamp(rfc3339: "2026-11-22T23:59:59.999999999Z"))
        #expect(CalendarDay(lastNanosecond).description == "2026-11-22")
        #expect(CalendarDay(lastNanosecond.advanced(by: .nanoseconds(1))).description == "2026-11-23")
    }

    @Test(
        "ISO weeks start on Monday; early January may be the last week of the year before",
        arguments: [
            ("2026-11-22T12:00:00Z", "2026-W47", "2026-11-16"),  // a Sunday
            ("2026-11-23T00:00:00Z", "2026-W48", "2026-11-23"),  // the Monday after
            ("2021-01-03T00:00:00Z", "2020-W53", "2020-12-28"),  // 2020 has 53 weeks
            ("2019-12-30T00:00:00Z", "2020-W01", "2019-12-30"),  // a December day in next year's week 1
            ("1970-01-01T00:00:00Z", "1970-W01", "1969-12-29"),
            ("1969-12-28T00:00:00Z", "1969-W52", "1969-12-22"),
        ])
    func isoWeeks(time: String, week: String, monday: String) throws {
        let day = CalendarDay(try #require(Timestamp(rfc3339: time)))
        #expect(day.isoWeek == week)
        #expect(day.weekStart.description == monday)
        #expect(day.weekStart.isoWeekday == 1)
    }

    @Test("starts at midnight UTC and orders by date")
    func startAndOrder() throws {
        let day = CalendarDay(try #require(Timestamp(rfc3339: "2026-11-22T16:14:30Z")))
        #expect(day.start == Timestamp(rfc3339: "2026-11-22T00:00:00Z"))
        #expect(day < CalendarDay(daysSinceEpoch: day.daysSinceEpoch + 1))
    }
}
