import JournalFormat
import Foundation

/// A real child process started with posix_spawn and reaped with waitpid.
///
/// Foundation's `Process` was seen here to miss the exit of a very short-lived child and hang in
/// `waitUntilExit`; waitpid does not.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with its standard streams connected to files (or /dev/null).
    init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        stdin: String = "/dev/null", stdout: String = "/dev/null", stderr: String = "/dev/null",
        newSession: Bool = false
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= 0x80 }  // POSIX_SPAWN_SETSID (glibc), not exported to Swift
        posix_spawnattr_setflags(&attributes, flags)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, env)
        guard result == 0 else {
            throw TestFailure("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    /// The exit status once the child ended (128 + signal number when a signal ended it), else nil.
    var status: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
        let signal = raw & 0x7F
        exitStatus = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        return exitStatus
    }

    var isRunning: Bool { status == nil }

    func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Waits for the child to end, at most `timeout`.
    func wait(timeout: Duration) async throws -> Int32 {
        try await waitUntil(timeout: timeout, "process \(pid) to exit") { self.status != nil }
        return status ?? -1
    }

    /// Ends the child: `signal`, then SIGKILL when it has not exited after `grace`; returns once it is reaped.
    func stop(_ signal: Int32 = SIGTERM, grace: Duration) async {
        guard isRunning else { return }
        self.signal(signal)
        if (try? await wait(timeout: grace)) == nil {
            self.signal(SIGKILL)
            _ = waitBlocking()
        }
    }

    /// Waits until a daemon this process is answers (`ready`), failing at once with its log's tail when it exits
    /// first; when it fails, `kill` ends what was started (the daemon, and what it started itself).
    func waitServing(
        _ what: String, timeout: Duration, logTail: () -> String, kill: () async -> Void,
        ready: () async -> Bool
    ) async throws {
        do {
            try await waitUntil(timeout: timeout, what) {
                if let status { throw TestFailure("the daemon for \(what) exited with \(status): \(logTail())") }
                return await ready()
            }
        } catch {
            await kill()
            throw error
        }
    }

    /// Waits for the child to end, blocking the calling thread (for short commands).
    func waitBlocking() -> Int32 {
        while status == nil { usleep(5_000) }
        return status ?? -1
    }
}
