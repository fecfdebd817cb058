/// The hook runs of one rule and what its fstrim reports said.
public struct RuleTotals: Sendable, Equatable {
    /// Ended runs by outcome.
    public var outcomes: [RunOutcome: Int] = [:]
    /// The durations of the runs whose entry had a numeric RECLAIMD_DURATION_MS.
    public var durations = DurationStatistics()
    /// Bytes trimmed, from the hook's output lines in fstrim's form.
    public var trimmedBytes: UInt64 = 0
    /// How many such lines.
    public var trimReports = 0

    public init() {}

    /// Every ended run.
    public var runs: Int { outcomes.values.reduce(0, +) }

    public func count(_ outcome: RunOutcome) -> Int { outcomes[outcome] ?? 0 }

    public mutating func merge(_ other: RuleTotals) {
        outcomes.merge(other.outcomes, uniquingKeysWith: +)
        durations.merge(other.durations)
        trimmedBytes = trimmedBytes.addingSaturating(other.trimmedBytes)
        trimReports += other.trimReports
    }
}
