import JournalFormat
import Foundation
import Systemd

/// A second real systemd-journald, as another machine runs it: its own host name (a UTS namespace), machine ID,
/// journal socket and storage (a private mount namespace with tmpfs over /run/systemd/journal, /run/log and
/// /var/log/journal, and a bind-mounted /etc/machine-id). Processes started `inside` it journal there, and its
/// entries carry its `_HOSTNAME` and `_MACHINE_ID`, stamped by journald itself. Nothing of it outlives `stop()`:
/// the mounts exist only in its namespace, which ends with its last process.
final class OtherMachineJournald: @unchecked Sendable {
    let hostname: String
    let machineID: String
    /// `unshare` execs a shell that execs journald: one PID throughout.
    private let child: ChildProcess

    /// Starts it with files in `directory` and waits until it stores an entry sent from inside.
    init(directory: String) async throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        hostname = "fleet-\(suffix)"
        machineID = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let idFile = directory + "/machine-id-\(suffix)"
        try (machineID + "\n").write(toFile: idFile, atomically: true, encoding: .utf8)
        let script = """
            set -e
            hostname '\(hostname)'
            mount --bind '\(idFile)' /etc/machine-id
            mkdir -p /run/systemd/journal /run/log
            mount -t tmpfs -o mode=0755 tmpfs /run/systemd/journal
            mount -t tmpfs -o mode=0755 tmpfs /run/log
            if [ -d /var/log/journal ]; then mount -t tmpfs -o mode=2755 tmpfs /var/log/journal; fi
            exec \(Journald.binary)
            """
        child = try ChildProcess(
            "/usr/bin/unshare", ["--uts", "--mount", "--propagation", "private", "sh", "-c", script],
            stderr: directory + "/journald-\(suffix).err", newSession: true)
        let probe = UUID().uuidString
        try await waitUntil(timeout: .seconds(20), "the second journald to store a probe entry") {
            guard child.isRunning else {
                throw TestFailure(
                    "the second journald exited \(child.status ?? -1): see \(directory)/journald-\(suffix).err")
            }
            _ = try? Shell.run("echo probe | \(inside("systemd-cat", ["-t", "reclaimd-test-\(probe)"]))")
            // Its files appear with its first entry: until then the directory is missing.
            return (try? entries(["SYSLOG_IDENTIFIER=reclaimd-test-\(probe)"]))?.isEmpty == false
        }
    }

    /// Its journal files, seen from this machine through its root.
    var journalDirectory: String {
        let volatile = "/proc/\(child.pid)/root/run/log/journal/\(machineID)"
        let persistent = "/proc/\(child.pid)/root/var/log/journal/\(machineID)"
        return FileManager.default.fileExists(atPath: persistent) ? persistent : volatile
    }

    /// `executable` with `arguments`, to run inside its namespaces: nsenter execs it, so its PID is the child's.
    func command(_ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        ("/usr/bin/nsenter", ["--target", "\(child.pid)", "--mount", "--uts", "--", executable] + arguments)
    }

    /// The shell words of `command`.
    func inside(_ executable: String, _ arguments: [String]) -> String {
        let (nsenter, words) = command(executable, arguments)
        return ([nsenter] + words).map { "'\($0)'" }.joined(separator: " ")
    }

    /// Its entries with every `FIELD=value`.
    func entries(_ matches: [String]) throws -> [JournalRecord] {
        try JournalReader(directory: journalDirectory, matches: matches).readAll()
    }

    func stop() async {
        await child.stop(SIGTERM, grace: .seconds(10))
    }

    deinit {
        child.signal(SIGKILL)
    }
}
