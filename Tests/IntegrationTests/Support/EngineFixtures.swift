import JournalFormat
import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Foundation
import NIOHTTP1

/// Real resources with real data on a test daemon, and prunes through the Engine API.
extension DockerDaemon {
    /// A named volume holding `megabytes` MiB, written by a container that is then removed, and a stopped
    /// container that wrote `containerMegabytes` MiB into its own filesystem.
    func createReclaimableResources(
        volume: String, volumeMegabytes: Int, container: String, containerMegabytes: Int
    ) throws {
        if (try? docker("image inspect bb:latest")) == nil { try importBusyboxImage("bb:latest") }
        try docker("volume create \(volume)")
        try docker(
            "run --rm -v \(volume):/data bb:latest sh -c 'dd if=/dev/zero of=/data/f bs=1048576 count=\(volumeMegabytes) 2>/dev/null'"
        )
        try docker(
            "run --name \(container) bb:latest sh -c 'dd if=/dev/zero of=/f bs=1048576 count=\(containerMegabytes) 2>/dev/null'"
        )
    }

    /// `POST path` and the `SpaceReclaimed` of the answer (absent counts as 0, as for networks).
    func prune(_ path: String) async throws -> UInt64 {
        let identity = try await client.ping()
        let (head, body) = try await client.request(.POST, identity.path(path))
        guard head.status == 200 else {
            throw TestFailure("POST \(path) answered \(head.status): \(String(decoding: body, as: UTF8.self))")
        }
        let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (object?["SpaceReclaimed"] as? NSNumber)?.uint64Value ?? 0
    }
}

/// What the running daemon says it is, so assertions follow the installed engine instead of naming a version.
extension DockerDaemon {
    /// The `Server` and `Api-Version` headers of `GET /_ping`, read raw (not through `EngineIdentity`, which the
    /// assertions check), e.g. `Docker/20.10.24+dfsg1 (linux)` and `1.41`.
    func pingHeaders() async throws -> (server: String, apiVersion: String) {
        let (head, _) = try await client.request(.GET, "/_ping")
        guard head.status == 200, let server = head.header("Server"), let apiVersion = head.header("Api-Version") else {
            throw TestFailure("GET /_ping answered \(head.status) without Server and Api-Version: \(head.headers)")
        }
        return (server, apiVersion)
    }

    /// The API version reclaimd must speak with this daemon: the daemon's own, or reclaimd's highest if lower.
    func expectedAPIVersion() async throws -> APIVersion {
        let header = try await pingHeaders().apiVersion
        guard let engine = APIVersion(header) else {
            throw TestFailure("the daemon's Api-Version \(header) is not MAJOR.MINOR")
        }
        return min(engine, APIVersion.highestSupported)
    }

    /// How the agent names this engine in its status: the `Server` header's product and the API version spoken,
    /// e.g. `Docker/20.10.24+dfsg1 (API 1.41)`.
    func expectedEngineDescription() async throws -> String {
        let server = try await pingHeaders().server
        let product = server.split(separator: " ").first.map(String.init) ?? server
        return "\(product) (API \(try await expectedAPIVersion()))"
    }
}

/// One line of `reclaimd events --json`, decoded for assertions.
struct PrintedEvent: Decodable, Hashable {
    var time: String
    var time_nano: Int64
    var engine: String
    var resource: String
    var action: String
    var kind: String
    var reclaimed_bytes: UInt64?
    var actor_id: String
    var attributes: [String: String]

    static func parse(_ lines: [String]) throws -> [PrintedEvent] {
        try lines.map { try JSONDecoder().decode(PrintedEvent.self, from: Data($0.utf8)) }
    }
}

/// The JSON keys `reclaimd events --json` promises, exactly.
let documentedEventKeys: Set<String> = [
    "time", "time_nano", "engine", "resource", "action", "kind", "reclaimed_bytes", "actor_id", "attributes",
]

extension [PrintedEvent] {
    /// The prunes among printed events (`events` prints removals too).
    var prunes: [PrintedEvent] { filter { $0.kind == "prune" } }
}

extension [String] {
    /// Printed JSON lines of prune events.
    var pruneLines: [String] { filter { $0.contains("\"kind\":\"prune\"") } }
}

extension DockerDaemon {
    /// The prune events the engine itself still holds since `since`: its own record, to compare with ours.
    func backlogPruneEvents(since: Time.Timestamp) async throws -> [ReclaimEvent] {
        let identity = try await client.ping()
        let query = EventQuery(since: since, until: Time.Timestamp.now(), filters: EventQuery.pruneFilter)
        let (head, body) = try await client.request(.GET, identity.path("/events") + query.queryString)
        guard head.status == 200 else { throw TestFailure("GET /events answered \(head.status)") }
        var decoder = EventStreamDecoder(engine: identity.kind)
        return (decoder.feed(body) + decoder.finish()).compactMap { item in
            if case .event(let event) = item { event } else { nil }
        }
    }
}
