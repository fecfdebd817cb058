import JournalFormat
import Time
import Foundation
import Testing

/// Issue 22: an engine that accepts a connection and then hangs is a journaled, retried connection failure, not
/// a silent wait.
extension Integration {
    @Suite("stalled engine", .timeLimit(.minutes(3)))
    struct StalledEngineTests {
        @Test("half a response head and then silence: `events` journals a timeout and reconnects")
        func headerStallTimesOutAndReconnects() async throws {
            try await withDockerDaemon { daemon in
                var proxy = try SocketProxy(target: daemon.socketPath, directory: daemon.directory)
                defer { proxy.stop() }
                let stream = try ReclaimdProcess(
                    [
                        "events", "--host", "unix://" + proxy.socketPath, "--json", "--log-target", "stderr",
                        "--since", Timestamp.now().rfc3339,
                    ], directory: daemon.directory)
                try daemon.docker("volume create before")
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(20), "the first prune printed") {
                    stream.stdoutLines.pruneLines.count >= 1
                }
                // The engine "hangs": the proxy comes back, but its first connection gets half a head and then nothing.
                proxy.stop()
                try await waitUntil(timeout: .seconds(20), "reclaimd to notice the broken connection") {
                    stream.stderr.contains("MESSAGE_ID=\(MessageID.engineLost.hex)")
                }
                proxy = try SocketProxy(target: daemon.socketPath, directory: daemon.directory, stalledConnections: 1)
                let started = ContinuousClock.now
                try await waitUntil(timeout: .seconds(40), "reclaimd to time out waiting for the head") {
                    stream.stderr.contains("sent no answer to GET /_ping within 10s")
                }
                let waited = ContinuousClock.now - started
                #expect(waited >= .seconds(9), "the timeout is 10 s, not sooner: \(waited)")
                try await waitUntil(timeout: .seconds(40), "reclaimd to reconnect after the timeout") {
                    stream.stderr.contains("reconnected to")
                }
                try daemon.docker("volume create after")
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(20), "the second prune") {
                    stream.stdoutLines.pruneLines.count >= 2
                }
                #expect(try await stream.stop() == 0)
                // The timeout is one warning entry with the lost-engine MESSAGE_ID, saying it will retry.
                let timeoutEntries = stream.stderr.split(separator: "\n").filter {
                    $0.contains("sent no answer to GET /_ping")
                }
                #expect(timeoutEntries.count == 1, "\(stream.stderr)")
                let entry = timeoutEntries.first.map(String.init) ?? ""
                #expect(entry.contains(" warning "), "a warning: \(entry)")
                #expect(entry.contains("MESSAGE_ID=\(MessageID.engineLost.hex)"), "\(entry)")
                #expect(entry.contains("(is it hung?); retrying in"), "\(entry)")
            }
        }
    }
}
