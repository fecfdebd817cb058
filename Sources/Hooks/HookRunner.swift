import Formats
import Time
import Rules
import Subprocess
import Synchronization
import SystemPackage

import Glibc

extension HookResult {
    /// How a run ended, from its termination status and whether the watchdog had to end it.
    init(_ status: TerminationStatus, timedOut: Bool, duration: Duration, droppedOutputBytes: Int) {
        self.init(
            outcome: .success, exitStatus: nil, signal: nil, duration: duration, droppedOutputBytes: droppedOutputBytes)
        switch status {
        case .exited(let code):
            exitStatus = code
            outcome = code == 0 ? .success : .failure
        case .signaled(let signal):
            self.signal = signal
            outcome = .failure
        }
        if timedOut { outcome = .timeout }
    }
}

/// Runs hooks in their own session and process group, so a timeout or shutdown ends everything they started.
public enum HookRunner {
    /// Runs the hook; each output line (without its newline, bytes as written) goes to `onLine` as it comes.
    /// - Parameter onStart: called with the hook's pid, which is also its process group and session id.
    public static func run(
        _ invocation: HookInvocation,
        onStart: @Sendable (Int32) async -> Void = { _ in },
        onLine: @escaping @Sendable (HookStream, [UInt8]) async -> Void
    ) async throws -> HookResult {
        guard let program = invocation.argv.first else {
            throw HookError(message: "a hook needs at least its executable path")
        }
        var options = PlatformOptions()
        options.createSession = true
        // Cancellation (agent shutdown) ends the whole group: SIGTERM, then SIGKILL after the grace.
        options.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: invocation.killGrace)
        ]
        var environment: [Environment.Key: String] = [:]
        for (key, value) in invocation.environment {
            environment[Environment.Key(stringLiteral: key)] = value
        }
        let stdin = try StdinFile.make(invocation.stdin)
        let budget = OutputBudget(limit: invocation.outputLimit)
        let timedOut = TimeoutFlag()
        let started = ContinuousClock.now
        let result = try await Subprocess.run(
            .path(FilePath(program)),
            arguments: Arguments(Array(invocation.argv.dropFirst())),
            environment: .custom(environment),
            platformOptions: options,
            input: .fileDescriptor(FileDescriptor(rawValue: stdin), closeAfterSpawningProcess: true),
            output: .sequence,
            error: .sequence
        ) { execution in
            await onStart(execution.processIdentifier.value)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await forwardLines(execution.standardOutput, .stdout, budget, onLine) }
                group.addTask { try await forwardLines(execution.standardError, .stderr, budget, onLine) }
                // The watchdog: not a teardown by cancellation, so the run's own result is still read.
                let watchdog = Task {
                    try await Task.sleep(for: invocation.timeout)
                    timedOut.set()
                    try? execution.send(signal: .terminate, toProcessGroup: true)
                    try await Task.sleep(for: invocation.killGrace)
                    try? execution.send(signal: .kill, toProcessGroup: true)
                }
                defer { watchdog.cancel() }
                try await group.waitForAll()
            }
        }
        if timedOut.isSet {
            // A grandchild that ignored SIGTERM and kept no pipe open outlives the leader: end the group now.
            kill(-result.processIdentifier.value, SIGKILL)
        }
        return HookResult(
            result.terminationStatus, timedOut: timedOut.isSet, duration: ContinuousClock.now - started,
            droppedOutputBytes: await budget.dropped)
    }

    private static func forwardLines(
        _ sequence: SubprocessOutputSequence, _ stream: HookStream, _ budget: OutputBudget,
        _ onLine: @escaping @Sendable (HookStream, [UInt8]) async -> Void
    ) async throws {
        var framer = LineFramer(limit: 64 << 10)
        var lines: [LineFramer.Output] = []
        func emit() async {
            for line in lines {
                switch line {
                case .line(_, let bytes):
                    if await budget.take(bytes.count + 1) { await onLine(stream, bytes) }
                case .oversized(_, let length):
                    _ = await budget.take(length + 1)
                }
            }
            lines.removeAll(keepingCapacity: true)
        }
        for try await buffer in sequence {
            buffer.withUnsafeBytes { framer.append($0, to: &lines) }
            await emit()
        }
        framer.finish(into: &lines)
        await emit()
    }
}

/// A hook that cannot be started.
public struct HookError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}

/// The per-run output allowance shared by stdout and stderr.
actor OutputBudget {
    private let limit: Int
    private var used = 0
    private(set) var dropped = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether `count` more bytes may be kept; counts them as dropped otherwise.
    func take(_ count: Int) -> Bool {
        if used + count <= limit {
            used += count
            return true
        }
        used = limit
        dropped += count
        return false
    }
}

/// Set once by the watchdog.
final class TimeoutFlag: Sendable {
    private let flag = Mutex(false)
    func set() { flag.withLock { $0 = true } }
    var isSet: Bool { flag.withLock { $0 } }
}
