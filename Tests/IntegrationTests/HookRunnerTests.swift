import Foundation
import Hooks
import Synchronization
import Testing

extension Integration {
/// The hook runner with real child processes.
@Suite("hook runner", .timeLimit(.minutes(2)))
struct HookRunnerTests {
    private func run(_ script: String, stdin: [UInt8]) async throws -> (HookResult, [String]) {
        let lines = Mutex<[String]>([])
        let result = try await HookRunner.run(
            HookInvocation(argv: ["/bin/sh", "-c", script], environment: ["PATH": "/usr/bin:/bin"], stdin: stdin, timeout: .seconds(20))
        ) { _, line in
            lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) }
        }
        return (result, lines.withLock { $0 })
    }

    @Test("a hook that never reads its stdin is a normal success, however often (regression: EPIPE crashed the agent)")
    func unreadStdin() async throws {
        let batch = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
        for _ in 0..<50 {
            let (result, _) = try await run("exit 0", stdin: batch)
            #expect(result.outcome == .success)
        }
    }

    @Test("a batch larger than a pipe's buffer reaches the hook whole")
    func largeStdin() async throws {
        let (result, lines) = try await run("wc -c", stdin: [UInt8](repeating: 65, count: 1 << 20))
        #expect(result.outcome == .success)
        #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) } == ["1048576"])
    }

    @Test("output past 64 KiB is drained and counted, not kept")
    func outputCap() async throws {
        let (result, lines) = try await run("i=0; while [ $i -lt 2000 ]; do echo 0123456789012345678901234567890123456789012345678901234567890123; i=$((i+1)); done", stdin: [])
        #expect(result.outcome == .success)
        #expect(lines.count == 1008, "65,536 bytes of 65-byte lines")
        #expect(result.droppedOutputBytes == 2000 * 65 - 1008 * 65)
    }
}
}
