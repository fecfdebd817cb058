import JournalFormat
import Foundation
import Systemd
@testable import Journal

/// The machine's real systemd-journald, started standalone when it is not running (scripts/test does the same).
enum Journald {
    static let binary = "/lib/systemd/systemd-journald"

    static var pid: Int32? {
        let result = try? Shell.run("pidof -s systemd-journald")
        return result.flatMap { Int32($0.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Makes sure journald runs and stores entries; fails (never skips) when it cannot.
    ///
    /// A socket file is not proof: a restarted journald leaves the old one until it binds anew. Ready means a probe
    /// entry sent now can be read back.
    static func ensureRunning() async throws {
        if pid == nil { try start() }
        let probe = UUID().uuidString
        try await waitUntil(timeout: .seconds(20), "journald to store a probe entry") {
            guard pid != nil, SystemJournal.isAvailable else { return false }
            var entry = JournalEntry(message: "readiness probe", priority: .debug)
            entry.add("probe", probe)
            _ = SystemJournal.send(entry.wireFields(identifier: "reclaimd-test"))
            return !(try JournalReader(matches: ["RECLAIMD_PROBE=\(probe)"]).readAll()).isEmpty
        }
    }

    static func start() throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestFailure("no \(binary): the journal tests need Debian's systemd package")
        }
        // Its own session, so it outlives the test process like the journald that scripts/test starts.
        _ = try ChildProcess(binary, [], newSession: true)
    }

    /// Stops journald with SIGTERM and waits for it to be gone.
    static func stop() async throws {
        guard let pid else { return }
        kill(pid, SIGTERM)
        try await waitUntil(timeout: .seconds(20), "journald to exit") {
            // Reap it if a test started it (then it is our child and would linger as a zombie); one another
            // process started stays a zombie until that process reaps it, and counts as gone.
            _ = waitpid(pid, nil, WNOHANG)
            return processIsGone(pid)
        }
    }

    /// Entries matching every `FIELD=value` (of different fields), polled until at least `count` are readable.
    ///
    /// The matches must single out this test's entries (a run ID, a rule name with a random suffix, an event key,
    /// a marker): the journal keeps every earlier test's entries, and one of them with the same values would
    /// satisfy the wait before this test's own entry arrives.
    static func read(
        _ matches: String..., atLeast count: Int, timeout: Duration = .seconds(60)
    ) async throws -> [JournalRecord] {
        var records: [JournalRecord] = []
        try await waitUntil(timeout: timeout, "\(count) journal entries matching \(matches.joined(separator: " "))") {
            records = try JournalReader(matches: matches).readAll()
            return records.count >= count
        }
        return records
    }
}
