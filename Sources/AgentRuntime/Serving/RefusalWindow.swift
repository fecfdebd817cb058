/// Counts refusals between journal entries, so a flood is journaled at most once a minute. Pure: the caller
/// passes the time, and journals the summary it gets back.
///
/// The first refusal is journaled at once (an operator learns of a flood when it starts); later ones are summed
/// and told with the first refusal a minute or more after the last entry. Every refusal is counted in the
/// metric regardless.
public struct RefusalWindow: Sendable {
    public static let interval = Duration.seconds(60)
    private var counts: [ConnectionRefusal: Int] = [:]
    private var lastJournaled: ContinuousClock.Instant?

    public init() {}

    /// Records one refusal at `now`; returns the counts to journal when one is due (they are then reset).
    public mutating func record(
        _ refusal: ConnectionRefusal, at now: ContinuousClock.Instant
    ) -> [ConnectionRefusal: Int]? {
        counts[refusal, default: 0] += 1
        if let lastJournaled, now - lastJournaled < Self.interval { return nil }
        lastJournaled = now
        defer { counts = [:] }
        return counts
    }

    /// `3 too_many, 1 header_timeout`, in a fixed order.
    public static func summary(_ counts: [ConnectionRefusal: Int]) -> String {
        ConnectionRefusal.allCases.compactMap { reason in counts[reason].map { "\($0) \(reason.rawValue)" } }.joined(
            separator: ", ")
    }
}
