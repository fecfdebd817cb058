import Formats
import Glibc

/// A reading of a clock that never steps, for timers: `CLOCK_BOOTTIME` in the agent, which counts time
/// suspended too (what a user means by "10 s later" on a laptop that slept), and never jumps when the wall clock
/// is set, as Desktop VMs do after the host wakes. Wall time (`Timestamp`) is for the cursor, the journal and
/// what is persisted; this is for deciding when something is due.
///
/// Only differences between readings mean anything: the origin is the boot.
public struct MonotonicTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The current reading of `CLOCK_BOOTTIME`.
    public static func now() -> MonotonicTime {
        var spec = timespec()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        return MonotonicTime(nanoseconds: Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec))
    }

    /// The reading moved by a duration, saturating at the representable range.
    public func advanced(by duration: Duration) -> MonotonicTime {
        let (result, overflow) = nanoseconds.addingReportingOverflow(duration.totalNanoseconds)
        if overflow { return MonotonicTime(nanoseconds: duration < .zero ? Int64.min : Int64.max) }
        return MonotonicTime(nanoseconds: result)
    }

    /// The duration from `other` to this reading, saturating.
    public func duration(since other: MonotonicTime) -> Duration {
        let (result, overflow) = nanoseconds.subtractingReportingOverflow(other.nanoseconds)
        if overflow { return .nanoseconds(other.nanoseconds > nanoseconds ? Int64.min : Int64.max) }
        return .nanoseconds(result)
    }

    public var description: String { "boot+\(DurationText.format(.nanoseconds(nanoseconds)))" }

    public static func < (lhs: MonotonicTime, rhs: MonotonicTime) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}
