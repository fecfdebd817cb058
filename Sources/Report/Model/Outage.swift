import Formats
import Time

/// A time the agent was disconnected from its engine.
///
/// The rule: an outage starts at a process's engineLost entry and ends at the next engineConnected entry of the
/// same process (`_PID` on the same machine, `_HOSTNAME`); further "lost" entries in between belong to it. One still open when the entries end (not
/// reconnected in the window, or the agent stopped meanwhile) has no end and no duration, since nothing says how
/// long it lasted.
public struct Outage: Sendable, Equatable {
    /// The process that lost its engine.
    public var pid: Int
    /// The machine it ran on (`_HOSTNAME`, else `_MACHINE_ID`): PIDs repeat across the machines of a fleet.
    public var machine: String
    /// RECLAIMD_ENGINE_HOST of the "lost" entry, when it has one.
    public var host: String?
    public var start: Timestamp
    /// The "connected" entry that ended it; nil while open.
    public var end: Timestamp?

    public init(pid: Int, machine: String, host: String?, start: Timestamp, end: Timestamp?) {
        self.pid = pid
        self.machine = machine
        self.host = host
        self.start = start
        self.end = end
    }

    /// How long it lasted; nil while open.
    public var duration: Duration? {
        end.map { $0.duration(since: start) }
    }

    /// The duration in whole milliseconds; nil while open.
    public var milliseconds: UInt64? {
        duration.map { UInt64(clamping: max(0, $0.totalNanoseconds / 1_000_000)) }
    }
}
