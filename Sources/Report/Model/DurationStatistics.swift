/// Run durations in milliseconds, kept whole so that groups can be merged and percentiles stay exact.
public struct DurationStatistics: Sendable, Equatable {
    /// Every duration, in the order added.
    public private(set) var milliseconds: [UInt64] = []

    public init(_ milliseconds: [UInt64] = []) {
        self.milliseconds = milliseconds
    }

    public mutating func add(_ value: UInt64) {
        milliseconds.append(value)
    }

    public mutating func merge(_ other: DurationStatistics) {
        milliseconds += other.milliseconds
    }

    public var count: Int { milliseconds.count }

    /// The sum, saturating rather than trapping on absurd values from a damaged journal.
    public var total: UInt64 {
        milliseconds.reduce(0) { $0.addingSaturating($1) }
    }

    public var maximum: UInt64? { milliseconds.max() }

    /// The median by the nearest-rank method: the smallest value with at least half of the values at or below it,
    /// so it is always a duration some run really took.
    public var median: UInt64? { percentile(50) }

    /// The nearest-rank `p`th percentile (`p` in 1...100); nil without durations.
    public func percentile(_ p: Int) -> UInt64? {
        guard !milliseconds.isEmpty else { return nil }
        let sorted = milliseconds.sorted()
        let rank = (min(max(p, 1), 100) * sorted.count + 99) / 100
        return sorted[max(rank, 1) - 1]
    }
}
