import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import Formats
import Time
import Foundation
import Rules
import Testing

/// The state file's schema is a promise to every future version: golden files of each version are read forever.
@Suite("state.json: schema versions")
struct StateFormatTests {
    private func fixture(_ name: String) throws -> Data {
        try Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "Fixtures/\(name)"))
    }

    /// What `state-v1.json` and `state-v2.json` hold.
    private var expected: AgentState {
        var state = AgentState()
        state.cursorTimeNano = 1_795_364_605_762_178_784
        state.cursorKeys = ["0b9507f106d92cd8", "7c2f5a9de1b04e13"]
        state.engineID = "IUQA:OSMV:TRUA:AMJX:KO2N:EB6Y:A2VE:MW3Q:LPIS:NBIW:5ZMJ:2DA6"
        var trim = AgentState.RuleState()
        trim.inFlight = Batch(events: [
            RuleEvent(
                resource: "volume", action: "prune", reclaimedBytes: 6_291_456,
                time: Timestamp(nanoseconds: 1_795_364_600_061_770_555),
                json:
                    #"{"time":"2026-11-22T16:13:20.061770555Z","time_nano":1795364600061770555,"engine":"docker","resource":"volume","action":"prune","reclaimed_bytes":6291456,"actor_id":"","attributes":{"reclaimed":"6291456"}}"#
            )
        ])
        trim.inFlightHook = ProcessGroupRecord(
            group: 31337, program: "/usr/libexec/reclaimd/hooks/fstrim", bootID: nil, leaderStartTime: nil)
        trim.lastStartNano = 1_795_364_600_161_770_555
        var notify = AgentState.RuleState()
        notify.pending = Batch(events: [
            RuleEvent(
                resource: "image", action: "prune", reclaimedBytes: nil,
                time: Timestamp(nanoseconds: 1_795_364_605_762_178_784),
                json:
                    #"{"time":"2026-11-22T16:13:25.762178784Z","time_nano":1795364605762178784,"engine":"docker","resource":"image","action":"prune","reclaimed_bytes":null,"actor_id":"","attributes":{}}"#
            )
        ])
        state.rules = ["trim": trim, "notify": notify]
        return state
    }

    @Test("version 1 (reclaimd 0.1.0) is read: batches, cursor, and a hook record it cannot verify")
    func readsVersion1() throws {
        var state = try JSONDecoder().decode(AgentState.self, from: try fixture("state-v1.json"))
        #expect(state.version == 1)
        state.version = AgentState.currentVersion
        #expect(state == expected)
    }

    @Test("version 2 is read, and written byte for byte as the golden file")
    func version2() throws {
        let golden = try fixture("state-v2.json")
        var withHook = expected
        withHook.rules["trim"]?.inFlightHook?.bootID = "4e8a3d1f-5b2c-4c8e-9f3a-2d7b6e1c0a94"
        withHook.rules["trim"]?.inFlightHook?.leaderStartTime = 123_456
        #expect(try JSONDecoder().decode(AgentState.self, from: golden) == withHook)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(
            String(decoding: try encoder.encode(withHook), as: UTF8.self) + "\n"
                == String(decoding: golden, as: UTF8.self))
    }

    @Test("the store reads both versions and sets aside one it does not know")
    func storeVersions() throws {
        let directory = NSTemporaryDirectory() + "rds-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = StateStore(directory: directory)
        _ = try store.load()
        for name in ["state-v1.json", "state-v2.json"] {
            try fixture(name).write(to: URL(fileURLWithPath: store.path))
            guard case .restored(let state) = try store.load() else {
                Issue.record("\(name) was not restored")
                continue
            }
            #expect(state.rules.count == 2)
        }
        try Data(#"{"version":3,"rules":{}}"#.utf8).write(to: URL(fileURLWithPath: store.path))
        guard case .setAside(_, let reason) = try store.load() else {
            Issue.record("version 3 was accepted")
            return
        }
        #expect(reason == "version 3 is not one this reclaimd reads (1 to 2)")
    }
}
