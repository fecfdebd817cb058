import Foundation
import Hooks
import Rules
import Synchronization
import Testing

/// The hook runner with real child processes: no root, no engine.
@Suite("hook runner", .timeLimit(.minutes(2)))
struct HookRunnerTests {
    private struct Run {
        var result: HookResult
        var lines: [(HookStream, String)]
        var stdout: [String] { lines.filter { $0.0 == .stdout }.map(\.1) }
        var stderr: [String] { lines.filter { $0.0 == .stderr }.map(\.1) }
    }

    private func run(
        _ script: String, stdin: [UInt8] = [], environment: [String: String] = ["PATH": "/usr/bin:/bin"],
        timeout: Duration = .seconds(20), killGrace: Duration = .seconds(10)
    ) async throws -> Run {
        let lines = Mutex<[(HookStream, String)]>([])
        let result = try await HookRunner.run(
            HookInvocation(
                argv: ["/bin/sh", "-c", script], environment: environment, stdin: stdin, timeout: timeout,
                killGrace: killGrace)
        ) { stream, line in
            lines.withLock { $0.append((stream, String(decoding: line, as: UTF8.self))) }
        }
        return Run(result: result, lines: lines.withLock { $0 })
    }

    @Test("the hook gets exactly the environment it is given, nothing inherited")
    func environment() async throws {
        setenv("RECLAIMD_TEST_LEAK", "leaked", 1)
        defer { unsetenv("RECLAIMD_TEST_LEAK") }
        let run = try await run(
            "env | sort", environment: ["PATH": "/usr/bin:/bin", "RECLAIMD_RULE": "trim", "LANG": "C.UTF-8"])
        #expect(run.result.outcome == .success)
        #expect(
            run.stdout.filter { !$0.hasPrefix("PWD=") && !$0.hasPrefix("SHLVL=") && !$0.hasPrefix("_=") }
                == ["LANG=C.UTF-8", "PATH=/usr/bin:/bin", "RECLAIMD_RULE=trim"])
    }

    @Test("stdin is the batch, byte for byte, then end of file")
    func stdin() async throws {
        let batch = Array(#"[{"resource":"volume","action":"prune"}]"#.utf8) + [0xC3, 0xA9]
        let run = try await run("od -An -v -tx1 | tr -s ' \\n' ' '", stdin: batch)
        let expected = " " + batch.map { String(format: "%02x", $0) }.joined(separator: " ") + " "
        #expect(run.stdout == [expected])
    }

    @Test("output lines come as written, each with its stream; exit status and failure")
    func outputLines() async throws {
        let run = try await run("echo one; echo two >&2; printf 'no newline'; exit 3")
        #expect(run.stdout == ["one", "no newline"])
        #expect(run.stderr == ["two"])
        #expect(run.result.outcome == .failure)
        #expect(run.result.exitStatus == 3)
        #expect(run.result.signal == nil)
    }

    @Test("a hook past its timeout is ended with its process group, a grandchild that ignores SIGTERM included")
    func timeout() async throws {
        let pidFile = NSTemporaryDirectory() + "rdh-grandchild-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let started = ContinuousClock.now
        let run = try await run(
            "sh -c 'trap \"\" TERM; echo $$ > \(pidFile); sleep 30' & sleep 30", timeout: .milliseconds(500),
            killGrace: .milliseconds(300))
        #expect(run.result.outcome == .timeout)
        #expect(ContinuousClock.now - started < .seconds(10))
        let pid = try #require(
            Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(200))
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        #expect(stat.isEmpty || stat.contains(") Z "), "the grandchild did not outlive the run: \(stat)")
    }

    @Test("a hook that never reads its stdin is a normal success, however often (regression: EPIPE crashed the agent)")
    func unreadStdin() async throws {
        let batch = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
        for _ in 0..<50 {
            let run = try await run("exit 0", stdin: batch)
            #expect(run.result.outcome == .success)
        }
    }

    @Test("a batch larger than a pipe's buffer reaches the hook whole")
    func largeStdin() async throws {
        let run = try await run("wc -c", stdin: [UInt8](repeating: 65, count: 1 << 20))
        #expect(run.result.outcome == .success)
        #expect(run.stdout.map { $0.trimmingCharacters(in: .whitespaces) } == ["1048576"])
    }

    @Test("output past 64 KiB is drained and counted, not kept")
    func outputCap() async throws {
        let run = try await run(
            "i=0; while [ $i -lt 2000 ]; do echo 0123456789012345678901234567890123456789012345678901234567890123; i=$((i+1)); done"
        )
        #expect(run.result.outcome == .success)
        #expect(run.lines.count == 1008, "65,536 bytes of 65-byte lines")
        #expect(run.result.droppedOutputBytes == 2000 * 65 - 1008 * 65)
    }

    @Test("a hook that cannot start is an error, not a crash")
    func cannotStart() async {
        await #expect(throws: (any Error).self) {
            _ = try await HookRunner.run(
                HookInvocation(argv: ["/nonexistent/hook"], environment: [:], stdin: [], timeout: .seconds(5))
            ) { _, _ in }
        }
    }
}
