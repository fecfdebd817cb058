import JournalFormat
import Report
import Testing

@Suite("run durations")
struct DurationStatisticsTests {
    @Test(
        "the median is the nearest rank: a duration some run took",
        arguments: [
            ([], nil), ([7], 7), ([3, 1, 2], 2), ([1, 2, 3, 4], 2), ([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5),
            ([1, 1000, 1000], 1000),
        ] as [([UInt64], UInt64?)])
    func median(values: [UInt64], expected: UInt64?) {
        #expect(DurationStatistics(values).median == expected)
    }

    @Test("max, total and other percentiles")
    func others() {
        let statistics = DurationStatistics(Array(1...100))
        #expect(statistics.maximum == 100)
        #expect(statistics.total == 5050)
        #expect(statistics.percentile(90) == 90)
        #expect(statistics.percentile(100) == 100)
        #expect(statistics.percentile(1) == 1)
        #expect(DurationStatistics([.max, 1]).total == .max, "saturates instead of trapping")
        #expect(DurationStatistics().maximum == nil)
    }
}
