import Foundation

/// The built `reclaimd` executable, run as a real child process.
enum ReclaimdBinary {
    /// `RECLAIMD_BINARY` when set (scripts/test sets it), else the debug build beside the tests.
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["RECLAIMD_BINARY"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/reclaimd").path
    }
}

/// A running `reclaimd` whose stdout and stderr go to files the test reads while it runs.
final class ReclaimdProcess: @unchecked Sendable {
    let child: ChildProcess
    let stdoutPath: String
    let stderrPath: String

    /// Starts `executable` (default: the built binary; the package tests pass the installed one).
    init(_ arguments: [String], directory: String, environment: [String: String]? = nil,
         executable: String = ReclaimdBinary.path) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestFailure("no reclaimd binary at \(executable): build it first (swift build)")
        }
        let name = UUID().uuidString.prefix(8)
        stdoutPath = "\(directory)/reclaimd-\(name).out"
        stderrPath = "\(directory)/reclaimd-\(name).err"
        child = try ChildProcess(executable, arguments, environment: environment,
                                 stdout: stdoutPath, stderr: stderrPath)
    }

    var isRunning: Bool { child.isRunning }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Sends a signal and waits for the exit status.
    func stop(signal: Int32 = SIGINT) async throws -> Int32 {
        child.signal(signal)
        return try await waitForExit(timeout: .seconds(30))
    }

    func waitForExit(timeout: Duration) async throws -> Int32 {
        try await child.wait(timeout: timeout)
    }

    deinit {
        child.signal(SIGKILL)
    }
}
