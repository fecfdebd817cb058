import Formats
import Time

/// One reading of both clocks the agent keeps apart: the monotonic one decides when rules are due; the wall
/// clock stamps the cursor, run IDs and what is persisted. The driver reads both for each input; tests make
/// their own, and can step the wall clock without moving the other.
public struct ClockReading: Sendable, Equatable {
    public var wall: Timestamp
    public var monotonic: MonotonicTime

    public init(wall: Timestamp, monotonic: MonotonicTime) {
        self.wall = wall
        self.monotonic = monotonic
    }

    /// Both clocks now.
    public static func now() -> ClockReading {
        ClockReading(wall: .now(), monotonic: .now())
    }

    /// A wall time from the past, as a monotonic reading: how long ago it was, counted back from now.
    /// For what was persisted as wall time (a rule's last start) and is needed again for timers.
    public func monotonic(of wallTime: Timestamp) -> MonotonicTime {
        monotonic.advanced(by: .zero - wall.duration(since: wallTime))
    }

    /// A monotonic reading as the wall time it was, for persisting.
    public func wall(of reading: MonotonicTime) -> Timestamp {
        wall.advanced(by: .zero - monotonic.duration(since: reading))
    }
}
