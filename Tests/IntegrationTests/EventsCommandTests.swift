import JournalFormat
import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Foundation
import Journal
import Testing

/// `reclaimd events` against a real dockerd.
extension Integration {
    @Suite("events against a real Docker engine", .timeLimit(.minutes(5)))
    struct EventsCommandTests {
        @Test("reports exactly the prune events of API prunes, with the SpaceReclaimed the engine returned")
        func matchesAPIPrunes() async throws {
            try await withDockerDaemon { daemon in
                try daemon.createReclaimableResources(
                    volume: "data1", volumeMegabytes: 3, container: "job", containerMegabytes: 2)
                try daemon.importBusyboxImage("spare:1")
                let since = Timestamp.now()
                var reclaimed: [String: UInt64] = [:]
                reclaimed["container"] = try await daemon.prune("/containers/prune")
                reclaimed["volume"] = try await daemon.prune("/volumes/prune")
                reclaimed["image"] = try await daemon.prune(
                    "/images/prune?filters=%7B%22dangling%22%3A%5B%22false%22%5D%7D")
                reclaimed["network"] = try await daemon.prune("/networks/prune")
                reclaimed["builder"] = try await daemon.prune("/build/prune")
                let until = Timestamp.now().advanced(by: .milliseconds(500))
                #expect(reclaimed["container"] == 2 * 1_048_576)
                #expect(reclaimed["volume"] == 3 * 1_048_576)
                #expect((reclaimed["image"] ?? 0) > 0, "the images held data")

                let run = try ReclaimdProcess(
                    [
                        "events", "--host", daemon.host, "--json",
                        "--since", since.rfc3339, "--until", until.rfc3339,
                    ], directory: daemon.directory)
                #expect(try await run.waitForExit(timeout: .seconds(30)) == 0, "stderr: \(run.stderr)")
                let all = try PrintedEvent.parse(run.stdoutLines)
                let printed = all.prunes
                #expect(printed.count == 5, "\(run.stdout)")
                #expect(
                    Dictionary(
                        printed.map { ($0.resource, $0.reclaimed_bytes ?? UInt64.max) }, uniquingKeysWith: { a, _ in a }
                    ) == reclaimed)
                #expect(printed.allSatisfy { $0.action == "prune" && $0.engine == "docker" })
                // The prunes' removals come too, as kind remove with no bytes: the images the image prune deleted.
                let removals = all.filter { $0.kind != "prune" }
                #expect(removals.allSatisfy { $0.kind == "remove" && $0.reclaimed_bytes == nil }, "\(run.stdout)")
                #expect(removals.contains { $0.resource == "image" && $0.action == "delete" })
                for line in run.stdoutLines {
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    #expect(Set(object.keys) == documentedEventKeys)
                }
            }
        }

        @Test("reproduces a docker system prune -af --volumes with the exact bytes, human and JSON")
        func systemPrune() async throws {
            try await withDockerDaemon { daemon in
                try daemon.createReclaimableResources(
                    volume: "data1", volumeMegabytes: 3, container: "web", containerMegabytes: 2)
                let since = Timestamp.now()
                try daemon.docker("system prune -af --volumes")
                let until = Timestamp.now().advanced(by: .milliseconds(500))

                let json = try ReclaimdProcess(
                    [
                        "events", "--host", daemon.host, "--json", "--since", since.engineQueryValue,
                        "--until", until.engineQueryValue,
                    ], directory: daemon.directory)
                let human = try ReclaimdProcess(
                    [
                        "events", "--host", daemon.host, "--since", since.rfc3339,
                        "--until", until.rfc3339,
                    ], directory: daemon.directory)
                #expect(try await json.waitForExit(timeout: .seconds(30)) == 0, "stderr: \(json.stderr)")
                #expect(try await human.waitForExit(timeout: .seconds(30)) == 0, "stderr: \(human.stderr)")
                let printed = try PrintedEvent.parse(json.stdoutLines).prunes
                #expect(Set(printed.map(\.resource)) == ["container", "image", "volume", "network", "builder"])
                #expect(printed.count == 5)
                let bytes = Dictionary(uniqueKeysWithValues: printed.map { ($0.resource, $0.reclaimed_bytes) })
                #expect(bytes["container"] == 2_097_152)
                #expect(bytes["volume"] == 3_145_728)
                #expect(bytes["network"] == 0)
                #expect((bytes["image"] ?? 0) ?? 0 > 0)
                // The human lines say the same, one per event, with the exact count.
                #expect(human.stdoutLines.filter { $0.contains("  prune  ") }.count == 5)
                #expect(human.stdoutLines.count == json.stdoutLines.count, "the same events, removals included")
                #expect(
                    human.stdoutLines.contains { $0.contains("  volume     prune  reclaimed 3.1 MB (3145728 bytes)") })
                for event in printed {
                    #expect(human.stdoutLines.contains { $0.hasPrefix(event.time) })
                }
            }
        }

        @Test("resumes after the engine restarts (SIGTERM, then SIGKILL): every later prune arrives, none twice")
        func resumesAcrossRestarts() async throws {
            try await withDockerDaemon { daemon in
                // events logs its first connection at debug level only, so nothing says when its stream is open: it
                // replays from before the first prune instead, and that prune's line is the sign that it streams.
                let stream = try ReclaimdProcess(
                    [
                        "events", "--host", daemon.host, "--json", "--log-target", "stderr",
                        "--since", Timestamp.now().rfc3339,
                    ], directory: daemon.directory)
                var expected: [UInt64] = []
                func pruneVolume(_ name: String, megabytes: Int) async throws {
                    try daemon.createReclaimableResources(
                        volume: name, volumeMegabytes: megabytes, container: "c-\(name)", containerMegabytes: 1)
                    try daemon.docker("rm c-\(name)")
                    expected.append(try await daemon.prune("/volumes/prune"))
                    let count = expected.count
                    try await waitUntil(timeout: .seconds(20), "the prune to be printed") {
                        stream.stdoutLines.pruneLines.count >= count
                    }
                }
                try await pruneVolume("before", megabytes: 1)
                for (round, signal) in [SIGTERM, SIGKILL].enumerated() {
                    await daemon.stop(signal: signal)
                    try await daemon.start()
                    try await waitUntil(timeout: .seconds(40), "reclaimd to reconnect (round \(round + 1))") {
                        stream.stderr.components(separatedBy: "reconnected to").count - 1 >= round + 1
                    }
                    try await pruneVolume("after\(round)", megabytes: round + 2)
                }
                // No window for a late duplicate: a replay after a reconnect comes before newer events, so it would
                // have been printed before the last prune's line.
                #expect(try await stream.stop() == 0, "SIGINT is a normal end")
                let printed = try PrintedEvent.parse(stream.stdoutLines)
                #expect(printed.prunes.map(\.reclaimed_bytes) == expected.map { Optional($0) })
                #expect(expected == [1_048_576, 2_097_152, 3_145_728])
                #expect(Set(printed.map(\.time_nano)).count == printed.count, "no event twice")
            }
        }

        @Test("resumes after a broken connection while the engine keeps its backlog, printing nothing twice")
        func resumesAfterBrokenConnection() async throws {
            try await withDockerDaemon { daemon in
                let proxy = try SocketProxy(target: daemon.socketPath, directory: daemon.directory)
                defer { proxy.stop() }
                // Replays from before the first prune, so it sees it however late its stream opens.
                let stream = try ReclaimdProcess(
                    [
                        "events", "--host", "unix://" + proxy.socketPath, "--json", "--log-target", "stderr",
                        "--since", Timestamp.now().rfc3339,
                    ], directory: daemon.directory)
                for name in ["va", "vb"] {
                    try daemon.docker("volume create \(name)")
                    _ = try await daemon.prune("/volumes/prune")
                }
                try await waitUntil(timeout: .seconds(20), "two prunes printed") {
                    stream.stdoutLines.pruneLines.count >= 2
                }
                // Cut the connection; the engine still holds both events, so the replay from the cursor repeats one.
                proxy.stop()
                try await waitUntil(timeout: .seconds(20), "reclaimd to notice the broken connection") {
                    stream.stderr.contains("MESSAGE_ID=\(MessageID.engineLost.hex)")
                }
                try proxy.start()
                try await waitUntil(timeout: .seconds(40), "reclaimd to reconnect") {
                    stream.stderr.contains("reconnected to")
                }
                try daemon.docker("volume create vc")
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(20), "the third prune") {
                    stream.stdoutLines.pruneLines.count >= 3
                }
                // No window for a late duplicate: the replay of va and vb comes before vc, so it was printed already.
                #expect(try await stream.stop() == 0)
                let printed = try PrintedEvent.parse(stream.stdoutLines)
                #expect(printed.count == 3, "\(stream.stdout)")
                #expect(Set(printed.map(\.time_nano)).count == 3)
            }
        }
    }
}
