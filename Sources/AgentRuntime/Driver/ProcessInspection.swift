import AgentCore
import Glibc
import Logging
import SystemIO

/// What `/proc` says about this boot and a process: how a hook's process group is recognised after a restart.
public enum ProcessInspection {
    /// This boot's ID (`/proc/sys/kernel/random/boot_id`), nil if unreadable.
    public static func bootID() -> String? {
        guard case .success(let bytes) = WholeFile.read("/proc/sys/kernel/random/boot_id") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
        return text.isEmpty ? nil : text
    }

    /// When process `pid` started (field 22 of `/proc/PID/stat`, clock ticks since boot); nil when no such process.
    public static func startTime(of pid: Int32) -> UInt64? {
        guard case .success(let bytes) = WholeFile.read("/proc/\(pid)/stat") else { return nil }
        return startTime(fromStat: bytes)
    }

    /// Field 22 of a `/proc/PID/stat` line. The command (field 2) is in parentheses and may hold spaces and
    /// parentheses itself, so fields are counted from the last `)`.
    public static func startTime(fromStat bytes: [UInt8]) -> UInt64? {
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // After ") " come fields 3, 4, …: field 22 is the 20th of them.
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard fields.count >= 20 else { return nil }
        return UInt64(String(decoding: fields[fields.startIndex + 19], as: UTF8.self))
    }

    /// The record of a hook that just started as process (and group) `pid`.
    public static func record(ofHook pid: Int32, program: String) -> ProcessGroupRecord {
        ProcessGroupRecord(group: pid, program: program, bootID: bootID(), leaderStartTime: startTime(of: pid))
    }

    /// Ends a group a previous agent left, when it is provably that hook's; says what it did either way.
    public static func endLeftover(_ record: ProcessGroupRecord, logger: Logger) {
        // No process left in the group (the usual case): nothing to end, nothing to say.
        guard record.group > 1, kill(-record.group, 0) == 0 || errno != ESRCH else { return }
        switch record.verdict(currentBootID: bootID(), leaderStartTime: startTime(of: record.group)) {
        case .end:
            logger.warning(
                "ending the process group \(record.group) of a hook left running by a previous agent (\(record.program))"
            )
            kill(-record.group, SIGKILL)
        case .leave(let reason):
            logger.info(
                "not ending process group \(record.group), remembered from a previous agent's hook (\(record.program)): \(reason)"
            )
        }
    }
}
