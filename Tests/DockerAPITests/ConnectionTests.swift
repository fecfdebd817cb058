import DockerAPI
import EngineAdapter
import Formats
import Time
import Testing

@Suite("Endpoint, version negotiation and queries")
struct ConnectionTests {
    @Test(
        "parses unix and tcp hosts",
        arguments: [
            ("unix:///var/run/docker.sock", EngineEndpoint.unix(path: "/var/run/docker.sock")),
            ("tcp://127.0.0.1:2375", .tcp(host: "127.0.0.1", port: 2375)),
            ("tcp://docker.internal:2376/", .tcp(host: "docker.internal", port: 2376)),
            ("tcp://[::1]:2375", .tcp(host: "::1", port: 2375)),
        ])
    func parses(text: String, endpoint: EngineEndpoint) throws {
        #expect(try EngineEndpoint.parse(text) == endpoint)
    }

    @Test(
        "rejects malformed hosts with the expected forms",
        arguments: [
            "", "/var/run/docker.sock", "unix://relative.sock", "tcp://host", "tcp://:2375", "tcp://h:0",
            "tcp://h:99999",
            "http://h:1", "tcp://[::1]2375", "unix:///" + String(repeating: "a", count: 120),
        ])
    func rejects(text: String) {
        do {
            _ = try EngineEndpoint.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains("unix:///path/to/socket or tcp://host:port"))
        }
    }

    @Test("sends a Host header for unix sockets and tcp")
    func hostHeader() {
        #expect(EngineEndpoint.defaultSocket.hostHeader == "localhost")
        #expect(EngineEndpoint.tcp(host: "::1", port: 2375).hostHeader == "[::1]:2375")
    }

    private func headers(_ fixture: String) throws -> (String) -> String? {
        let lines = try Fixture.text(fixture).split(whereSeparator: \.isNewline)
        return { name in
            lines.first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test("recognizes Docker from its recorded /_ping and negotiates its version")
    func docker() throws {
        let identity = EngineIdentity(pingHeaders: try headers("docker-20.10-ping.txt"))
        #expect(identity.kind == .docker)
        #expect(identity.negotiatedVersion == APIVersion(major: 1, minor: 41))
        #expect(identity.serverProduct == "Docker/20.10.24+dfsg1")
        #expect(identity.path("/events") == "/v1.41/events")
    }

    @Test("recognizes Podman from its recorded /_ping")
    func podman() throws {
        let identity = EngineIdentity(pingHeaders: try headers("podman-4.3-ping.txt"))
        #expect(identity.kind == .podman)
        #expect(identity.negotiatedVersion == APIVersion(major: 1, minor: 41))
    }

    @Test("a newer engine is spoken to at our highest version; an unknown server is not fatal")
    func negotiation() {
        #expect(
            EngineIdentity(pingHeaders: { $0 == "Api-Version" ? "1.52" : nil }).negotiatedVersion == .highestSupported)
        let unknown = EngineIdentity(pingHeaders: { _ in nil })
        #expect(unknown.kind == .docker)
        #expect(unknown.negotiatedVersion == .highestSupported)
        #expect(
            EngineIdentity(pingHeaders: { $0 == "Api-Version" ? "garbage" : nil }).negotiatedVersion
                == .highestSupported)
        #expect(APIVersion("1.9")! < APIVersion("1.41")!)
    }

    @Test("writes since, until and filters as the engine reads them")
    func query() {
        let query = EventQuery(
            since: Timestamp(nanoseconds: 1_500_000_000), until: Timestamp(seconds: 2),
            filters: ["type": ["volume", "image"], "event": ["prune"]])
        #expect(query.filtersJSON == #"{"event":["prune"],"type":["image","volume"]}"#)
        #expect(
            query.queryString
                == "?since=1.500000000&until=2.000000000&filters=%7B%22event%22%3A%5B%22prune%22%5D%2C%22type%22%3A%5B%22image%22%2C%22volume%22%5D%7D"
        )
        #expect(EventQuery().queryString == "")
    }

    @Test("reads /info's fields from the recorded answers")
    func info() throws {
        let docker = try EngineInfo.decode(try Fixture.bytes("docker-20.10-info.json"))
        #expect(docker.driver == "vfs")
        #expect(docker.dockerRootDir == "/var/lib/docker")
        #expect(docker.serverVersion == "20.10.24+dfsg1")
        let podman = try EngineInfo.decode(try Fixture.bytes("podman-4.3-info.json"))
        #expect(podman.id == "c5c47aae-1796-4573-bb9d-2e96170ccfe6")
        #expect(podman.dockerRootDir == "/var/lib/containers/storage")
        #expect(podman.serverVersion == "4.3.1")
    }
}
