import Foundation

/// Runs real child processes for the integration tests.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `/bin/sh -c command` to completion.
    @discardableResult
    static func run(_ command: String, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a full pipe cannot deadlock the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a command that must succeed; its stderr is in the error otherwise.
    @discardableResult
    static func succeed(_ command: String) throws -> String {
        let result = try run(command)
        guard result.status == 0 else {
            throw TestFailure("`\(command)` exited \(result.status): \(result.stderr)\(result.stdout)")
        }
        return result.stdout
    }
}

/// A failure of the test's own set-up, with what happened.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A scratch directory under /tmp with a short path (unix socket paths are limited to 107 bytes).
func makeScratchDirectory(_ prefix: String) throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let path = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
        throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))")
    }
    return String(cString: path)
}

/// Polls until `condition` holds or `timeout` passes.
func waitUntil(timeout: Duration, _ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TestFailure("timed out after \(timeout) waiting for \(what)")
}
