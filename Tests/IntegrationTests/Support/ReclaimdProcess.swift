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
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(_ arguments: [String], directory: String, environment: [String: String]? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: ReclaimdBinary.path) else {
            throw TestFailure("no reclaimd binary at \(ReclaimdBinary.path): build it first (swift build)")
        }
        let name = UUID().uuidString.prefix(8)
        stdoutPath = "\(directory)/reclaimd-\(name).out"
        stderrPath = "\(directory)/reclaimd-\(name).err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: ReclaimdBinary.path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Sends a signal and waits for the exit status.
    func stop(signal: Int32 = SIGINT) async throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        return try await waitForExit(timeout: .seconds(30))
    }

    func waitForExit(timeout: Duration) async throws -> Int32 {
        try await waitUntil(timeout: timeout, "reclaimd to exit") { !self.process.isRunning }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
