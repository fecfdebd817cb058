/// A running hook's process group as the state remembers it: enough to tell, after a restart, whether a group
/// with that number is still the hook's or belongs to someone else (numbers are reused, across reboots at once).
public struct ProcessGroupRecord: Sendable, Equatable {
    /// The process group, which is also the hook's pid: hooks run as session and group leaders.
    public var group: Int32
    /// The hook's path, for messages.
    public var program: String
    /// `/proc/sys/kernel/random/boot_id` when the hook started; nil in state written before version 2.
    public var bootID: String?
    /// The leader's start time (`/proc/PID/stat` field 22, clock ticks since boot); nil before version 2.
    public var leaderStartTime: UInt64?

    public init(group: Int32, program: String, bootID: String?, leaderStartTime: UInt64?) {
        self.group = group
        self.program = program
        self.bootID = bootID
        self.leaderStartTime = leaderStartTime
    }

    /// What a restart does with a remembered group.
    public enum Verdict: Sendable, Equatable {
        /// It is provably the hook's: same boot, and its leader started at the recorded time.
        case end
        /// Leave it alone, for this reason.
        case leave(String)
    }

    /// Decides from what the system says now: this boot's ID, and the start time of the process whose pid is
    /// the group number (nil when there is none). Only a group whose leader is provably the hook is ended.
    public func verdict(currentBootID: String?, leaderStartTime current: UInt64?) -> Verdict {
        guard let bootID, let leaderStartTime else {
            return .leave("the state (written before version 2) does not say which boot and process it was")
        }
        guard let currentBootID, currentBootID == bootID else {
            return .leave("the machine rebooted since: that number now belongs to another process, if any")
        }
        guard let current else {
            return .leave("its leader has exited; what is left in the group cannot be told from a stranger's")
        }
        guard current == leaderStartTime else {
            return .leave("process \(group) started at another time: it is not the hook")
        }
        return .end
    }
}
