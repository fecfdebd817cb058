import EngineAdapter
import EngineRegistry
import Testing

/// Where reclaimd looks for an engine without configuration, and which candidate it takes, for every family.
@Suite("engine discovery")
struct DiscoveryTests {
    @Test("--host, then DOCKER_HOST (an empty one is unset), then every family's default sockets in order")
    func candidates() throws {
        #expect(
            try EngineRegistry.candidates(explicit: "tcp://a:1", environment: ["DOCKER_HOST": "tcp://b:2"]) == [
                "tcp://a:1"
            ])
        #expect(
            try EngineRegistry.candidates(explicit: nil, environment: ["DOCKER_HOST": "tcp://b:2"]) == ["tcp://b:2"])
        let defaults = [
            "unix:///var/run/docker.sock", "unix:///run/podman/podman.sock",
            "containerd:///run/containerd/containerd.sock",
        ]
        #expect(try EngineRegistry.candidates(explicit: nil, environment: ["DOCKER_HOST": ""]) == defaults)
        #expect(try EngineRegistry.candidates(explicit: nil, environment: [:]) == defaults)
        #expect(
            try EngineRegistry.candidates(
                explicit: "containerd:///run/k3s/containerd/containerd.sock", environment: [:])
                == ["containerd:///run/k3s/containerd/containerd.sock"])
    }

    @Test("a malformed --host or DOCKER_HOST is an error naming every accepted form")
    func malformed() {
        for host in ["unix://relative.sock", "ftp://h", "containerd://relative.sock"] {
            #expect(throws: EngineError.self, "\(host)") {
                try EngineRegistry.candidates(explicit: host, environment: [:])
            }
        }
        do {
            _ = try EngineRegistry.candidates(explicit: nil, environment: ["DOCKER_HOST": "ftp://h"])
            Issue.record("accepted ftp://h")
        } catch {
            #expect(
                "\(error)".contains(
                    "unix:///path/to/socket or tcp://host:port, or containerd:///path/to/containerd.sock"), "\(error)")
        }
    }

    @Test(
        "the first candidate whose socket exists: Docker's, else Podman's, else containerd's; a TCP address is always tried"
    )
    func firstPresent() throws {
        let all = try EngineRegistry.candidates(explicit: nil, environment: [:])
        #expect(EngineRegistry.firstPresent(all) { _ in true } == "unix:///var/run/docker.sock")
        #expect(
            EngineRegistry.firstPresent(all) { $0 == "/run/podman/podman.sock" } == "unix:///run/podman/podman.sock")
        #expect(
            EngineRegistry.firstPresent(all) { $0 == "/run/containerd/containerd.sock" }
                == "containerd:///run/containerd/containerd.sock")
        #expect(EngineRegistry.firstPresent(all) { _ in false } == nil)
        #expect(EngineRegistry.firstPresent(["tcp://h:1"]) { _ in false } == "tcp://h:1")
        #expect(
            EngineRegistry.firstPresent(["ftp://h"]) { _ in true } == nil, "a host no family takes is never present")
    }

    @Test("what was tried, for the error when nothing answers")
    func describe() {
        #expect(EngineRegistry.describe([]) == "")
        #expect(EngineRegistry.describe(["unix:///a"]) == "unix:///a")
        #expect(
            EngineRegistry.describe(["unix:///a", "unix:///b", "containerd:///c"])
                == "unix:///a, unix:///b and containerd:///c")
    }
}
