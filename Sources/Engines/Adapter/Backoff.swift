import Formats
import Time

/// Exponential backoff with jitter: 100 ms doubling to a 30 s cap, each delay drawn from its upper half so
/// that many agents restarted together do not reconnect in lockstep.
public struct Backoff: Sendable {
    public let initial: Duration
    public let cap: Duration
    private var attempt = 0

    public init(initial: Duration = .milliseconds(100), cap: Duration = .seconds(30)) {
        self.initial = initial
        self.cap = cap
    }

    /// The delay before the next attempt, drawn from [ceiling/2, ceiling].
    public mutating func next<R: RandomNumberGenerator>(using generator: inout R) -> Duration {
        let ceiling = self.ceiling
        attempt += 1
        let nanos = ceiling.totalNanoseconds
        return .nanoseconds(Int64.random(in: (nanos / 2)...nanos, using: &generator))
    }

    /// The delay before the next attempt, with the system's random numbers.
    public mutating func next() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return next(using: &generator)
    }

    /// The upper bound of the next delay.
    public var ceiling: Duration {
        // 2^9 × 100 ms already passes 30 s; stop doubling there so the shift never overflows.
        let doublings = min(attempt, 20)
        let nanos = initial.totalNanoseconds.multipliedReportingOverflow(by: Int64(1) << doublings)
        return nanos.overflow ? cap : min(.nanoseconds(nanos.partialValue), cap)
    }

    /// After a success: the next failure starts from `initial` again.
    public mutating func reset() {
        attempt = 0
    }
}
