import JournalFormat
import Foundation
import Testing

extension Integration {
    /// Removals free space on every engine: each makes exactly one run of the default rule.
    @Suite("removals and Podman", .timeLimit(.minutes(4)))
    struct RemovalTests {
        @Test("Docker: docker rm, docker rmi, docker volume rm each trigger the default rule once")
        func dockerRemovals() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                try daemon.importBusyboxImage("bb:latest")
                try daemon.docker("create --name c1 bb:latest true")
                try daemon.docker("volume create v1")
                let recorder = try RunRecorder(host: daemon.host, directory: daemon.directory)
                try await recorder.waitUntilConnected()
                try daemon.docker("rm c1")
                #expect(try await recorder.waitForRun(1).count == 1)
                try daemon.docker("rmi bb:latest")
                #expect(try await recorder.waitForRun(2).count == 2)
                try daemon.docker("volume rm v1")
                let runs = try await recorder.waitForRun(3)
                #expect(try await recorder.agent.stop(signal: SIGTERM) == 0)
                #expect(runs.map { $0.split(separator: " ")[2] } == ["container", "image", "volume"], "\(runs)")
                #expect(runs.allSatisfy { $0.hasPrefix("docker 1 ") }, "one removal event each: \(runs)")
            }
        }

        @Test("Podman: events shows its prunes and removals, as podman")
        func podmanEvents() async throws {
            try await withPodmanService { podman in
                try podman.podman("volume create pv1")
                let events = try ReclaimdProcess(
                    ["events", "--host", podman.host, "--json", "--log-target", "stderr"], directory: podman.directory)
                try podman.podman("volume create marker")
                try podman.podman("volume rm marker")  // the first line: the stream is open
                try await waitUntil(timeout: .seconds(20), "events to print the marker's removal") {
                    events.stdout.contains("\"marker\"")
                }
                try podman.podman("volume prune -f")
                try await waitUntil(timeout: .seconds(20), "the prune") {
                    events.stdout.contains("\"action\":\"prune\"")
                }
                #expect(try await events.stop() == 0)
                let lines = events.stdoutLines
                #expect(lines.allSatisfy { $0.contains("\"engine\":\"podman\"") })
                #expect(
                    lines.contains {
                        $0.contains("\"resource\":\"volume\",\"action\":\"remove\",\"kind\":\"remove\"")
                            && $0.contains("\"pv1\"")
                    })
                #expect(
                    lines.contains {
                        $0.contains("\"resource\":\"volume\",\"action\":\"prune\",\"kind\":\"prune\"")
                            && $0.contains("\"pv1\"")
                    })
            }
        }

        @Test("Podman: a volume prune, an image removal and a container removal each trigger the default rule once")
        func podmanRuns() async throws {
            try await Journald.ensureRunning()
            try await withPodmanService { podman in
                try podman.importBusyboxImage("bb:latest")
                try podman.podman("create --name c1 bb:latest true")
                try podman.podman("volume create v1")
                let recorder = try RunRecorder(host: podman.host, directory: podman.directory)
                try await recorder.waitUntilConnected()
                try podman.podman("volume prune -f")
                #expect(try await recorder.waitForRun(1).count == 1)
                try podman.podman("rm c1")
                #expect(try await recorder.waitForRun(2).count == 2)
                try podman.podman("rmi bb:latest")
                let runs = try await recorder.waitForRun(3)
                #expect(try await recorder.agent.stop(signal: SIGTERM) == 0)
                #expect(runs.count == 3, "\(runs)")
                #expect(runs.allSatisfy { $0.hasPrefix("podman ") }, "RECLAIMD_ENGINE: \(runs)")
                #expect(
                    runs.allSatisfy { $0.hasSuffix(" \(podman.directory)/root") },
                    "RECLAIMD_DATA_ROOT is Podman's graph root: \(runs)")
                #expect(runs.map { $0.split(separator: " ")[2] } == ["volume", "container", "image"])
            }
        }

        @Test("Podman: the service restarted under the agent: it reconnects, and nothing is delivered twice")
        func podmanRestart() async throws {
            try await Journald.ensureRunning()
            try await withPodmanService { podman in
                try podman.podman("volume create before")
                let recorder = try RunRecorder(host: podman.host, directory: podman.directory)
                try await recorder.waitUntilConnected()
                try podman.podman("volume prune -f")
                #expect(try await recorder.waitForRun(1).count == 1)
                await podman.stop()
                try await podman.start()
                try await recorder.waitUntilConnected(count: 2)
                try podman.podman("volume create after")
                try podman.podman("volume prune -f")
                let runs = try await recorder.waitForRun(2)
                #expect(try await recorder.agent.stop(signal: SIGTERM) == 0)
                #expect(runs.count == 2, "one run per prune, none replayed: \(runs)")
                #expect(
                    runs.map { $0.split(separator: " ")[1] } == ["2", "2"],
                    "remove and prune of one volume each: \(runs)")
            }
        }
    }
}
