import JournalFormat
import Foundation

/// Runs real child processes for the integration tests.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `/bin/sh -c command` to completion; its output is collected through files, so it cannot block on a pipe.
    @discardableResult
    static func run(_ command: String, environment: [String: String]? = nil) throws -> Result {
        let directory = NSTemporaryDirectory() + "rd-shell-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = try ChildProcess(
            "/bin/sh", ["-c", command], environment: environment,
            stdout: directory + "/out", stderr: directory + "/err")
        let status = child.waitBlocking()
        return Result(
            status: status,
            stdout: (try? String(contentsOfFile: directory + "/out", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: directory + "/err", encoding: .utf8)) ?? "")
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
    guard let path = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } })
    else {
        throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))")
    }
    return String(cString: path)
}

/// Removes a daemon's scratch directory, unmounting first what it mounted below it (engines bind-mount their data
/// roots and layers; a killed one leaves the mounts).
func removeScratchDirectory(_ directory: String) {
    _ = try? Shell.run("for m in $(findmnt -rn -o TARGET | grep '^\(directory)/' | sort -r); do umount -l \"$m\"; done")
    _ = try? Shell.run("rm -rf '\(directory)'")
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
