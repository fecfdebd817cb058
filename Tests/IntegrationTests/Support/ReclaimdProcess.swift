import JournalFormat
import Foundation
import Journal
import Systemd

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
    let arguments: [String]
    let stdoutPath: String
    let stderrPath: String

    /// Starts `executable` (default: the built binary; the package tests pass the installed one).
    init(
        _ arguments: [String], directory: String, environment: [String: String]? = nil,
        executable: String = ReclaimdBinary.path
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestFailure("no reclaimd binary at \(executable): build it first (swift build)")
        }
        self.arguments = arguments
        let name = UUID().uuidString.prefix(8)
        stdoutPath = "\(directory)/reclaimd-\(name).out"
        stderrPath = "\(directory)/reclaimd-\(name).err"
        child = try ChildProcess(
            executable, arguments, environment: environment,
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

    /// The value of `option` on the command line (`--log-target journal`), if given.
    func argument(_ option: String) -> String? {
        arguments.firstIndex(of: option).flatMap { index in
            arguments.index(after: index) < arguments.endIndex ? arguments[arguments.index(after: index)] : nil
        }
    }

    deinit {
        child.signal(SIGKILL)
    }
}

/// What this process journaled, and waiting for what the agent itself says instead of for a fixed time.
extension ReclaimdProcess {
    /// This process's journal entries that have every `FIELD=value` of `matches`.
    ///
    /// Its `_PID` alone is not enough: PIDs wrap (at 32768 on these machines) and the journal keeps earlier
    /// tests' entries, so an entry also needs journald's `_CMDLINE` with this process's arguments (which name the
    /// test's own directories). journald reads the command line when the entry arrives, so this finds what the
    /// process journaled while it ran, not entries it sent as it exited.
    func journalEntries(_ matches: String...) throws -> [JournalRecord] {
        try JournalReader(matches: ["_PID=\(child.pid)"] + matches).readAll().filter { record in
            guard let commandLine = record.string("_CMDLINE") else { return false }
            return arguments.allSatisfy { commandLine.contains($0) }
        }
    }

    /// How many times this process said it connected to its engine (the first connection, and each reconnection
    /// or resubscription after a reload): its engine-connected entries, where `--log-target` sends them.
    func engineConnections() throws -> Int {
        let messageID = "MESSAGE_ID=\(MessageID.engineConnected.hex)"
        switch argument("--log-target") {
        case "stderr":
            return stderr.split(separator: "\n").filter { $0.contains(" \(messageID)") }.count
        case "journal":
            return try journalEntries(messageID).count
        default:
            throw TestFailure(
                "give the agent an explicit --log-target journal or stderr, so the test knows where to look")
        }
    }

    /// Waits until `reclaimd run` has logged its engine-connected entry `times` times: from then on its event
    /// subscription is open, so no engine event is missed. Fails at once if the process exits.
    ///
    /// `reclaimd events` logs its first connection at debug level only: start it with `--since` a time before the
    /// test's first prune and wait for the printed event instead.
    func waitUntilConnected(times: Int = 1, timeout: Duration = .seconds(30)) async throws {
        guard arguments.first == "run" else {
            throw TestFailure(
                "only reclaimd run logs its first connection; `\(arguments.joined(separator: " "))` does not")
        }
        try await waitUntil(timeout: timeout, "reclaimd (pid \(child.pid)) to connect to its engine \(times) time(s)") {
            if let status = child.status {
                throw TestFailure("reclaimd exited with \(status) before connecting: \(stderr)")
            }
            return try engineConnections() >= times
        }
    }
}
