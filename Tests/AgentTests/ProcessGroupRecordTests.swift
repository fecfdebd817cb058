import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import Foundation
import Testing

@Suite("a remembered hook's process group")
struct ProcessGroupRecordTests {
    private let record = ProcessGroupRecord(group: 4242, program: "/hook", bootID: "boot-a", leaderStartTime: 9000)

    @Test("ended only when the boot and the leader's start time both match")
    func verdicts() {
        #expect(record.verdict(currentBootID: "boot-a", leaderStartTime: 9000) == .end)
        for (boot, start) in [("boot-b", UInt64(9000)), ("boot-a", 9001), ("boot-a", nil), (nil, 9000)]
            as [(String?, UInt64?)]
        {
            guard case .leave = record.verdict(currentBootID: boot, leaderStartTime: start) else {
                Issue.record("ended a group with boot \(boot ?? "nil") and start \(start.map(String.init) ?? "nil")")
                continue
            }
        }
        let fromVersion1 = ProcessGroupRecord(group: 4242, program: "/hook", bootID: nil, leaderStartTime: nil)
        #expect(
            fromVersion1.verdict(currentBootID: "boot-a", leaderStartTime: 9000)
                == .leave("the state (written before version 2) does not say which boot and process it was"))
    }

    @Test("the start time is field 22 of /proc/PID/stat, counted after the command's last parenthesis")
    func statParsing() throws {
        let line =
            "4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 120 0 0 0 0 0 0 0 20 0 1 0 987654 2449408 224 18446744073709551615"
        #expect(ProcessInspection.startTime(fromStat: Array(line.utf8)) == 987_654)
        #expect(ProcessInspection.startTime(fromStat: Array("garbage".utf8)) == nil)
        #expect(ProcessInspection.startTime(fromStat: Array("1 (x) S 1 2".utf8)) == nil)
    }

    @Test("this process: its start time and the boot ID are read from /proc")
    func live() throws {
        let bootID = try #require(ProcessInspection.bootID())
        #expect(bootID.count == 36)
        let own = try #require(ProcessInspection.startTime(of: getpid()))
        #expect(own > 0)
        #expect(
            ProcessInspection.record(ofHook: getpid(), program: "/x").verdict(
                currentBootID: bootID, leaderStartTime: own) == .end)
    }
}
