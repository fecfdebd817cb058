import EngineAdapter
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Formats
import Time

/// What garbage collection asks of the engine: list and measure, remove one object, prune the build cache.
extension EngineClient {
    /// `GET /images/json?all=1`: every image, intermediate ones included.
    public func images(_ identity: EngineIdentity) async throws -> [EngineImage] {
        try await getJSON(identity, "/images/json?all=1", as: [EngineImage].self, what: "an image list")
    }

    /// `GET /containers/json?all=1`: every container, running or not; with `size`, writable layer sizes too.
    public func containers(_ identity: EngineIdentity, size: Bool = false) async throws -> [EngineContainer] {
        try await getJSON(
            identity, "/containers/json?all=1" + (size ? "&size=1" : ""), as: [EngineContainer].self,
            what: "a container list")
    }

    /// `GET /system/df`: the images' usage and the build cache's.
    public func diskUsage(_ identity: EngineIdentity) async throws -> EngineDiskUsage {
        try await getJSON(identity, "/system/df", as: EngineDiskUsage.self, what: "disk usage")
    }

    /// When an exited container stopped (`State.FinishedAt` of `GET /containers/{id}/json`); nil when never.
    public func containerFinished(_ identity: EngineIdentity, id: String) async throws -> Timestamp? {
        struct Inspect: Decodable {
            struct State: Decodable { var FinishedAt: String? }
            var State: State?
        }
        let inspect = try await getJSON(
            identity, "/containers/\(percentEncoded(id))/json", as: Inspect.self, what: "a container")
        guard let text = inspect.State?.FinishedAt, let time = Timestamp(rfc3339: text), time.seconds > 0 else {
            return nil
        }
        return time
    }

    /// `DELETE /images/{name}`, never forced: the engine refuses an image a container uses, and one with several
    /// references is only untagged by each but the last. Its answer (`[{"Untagged": …}, {"Deleted": …}]`, Docker
    /// and Podman alike) says what went; an answer that is not that list says nothing (`deleted` nil).
    public func removeImage(_ identity: EngineIdentity, _ name: String) async throws -> ImageRemoval {
        struct Item: Decodable { var Untagged: String?; var Deleted: String? }
        let path = identity.path("/images/\(percentEncoded(name))")
        let (head, body) = try await request(.DELETE, path)
        try Self.requireSuccess(head, body, "DELETE \(path)", endpoint)
        guard let items = try? JSONDecoder().decode([Item].self, from: Data(body)) else {
            return ImageRemoval(untagged: [], deleted: nil)
        }
        return ImageRemoval(untagged: items.compactMap(\.Untagged), deleted: items.compactMap(\.Deleted))
    }

    /// `DELETE /containers/{id}`, never forced: the engine refuses a running container.
    public func removeContainer(_ identity: EngineIdentity, _ id: String) async throws {
        try await delete(identity, "/containers/\(percentEncoded(id))")
    }

    /// `POST /build/prune` keeping `keepStorage` bytes and removing only what is older than `until`; the bytes
    /// the engine says it reclaimed.
    public func pruneBuildCache(_ identity: EngineIdentity, keepStorage: UInt64, until: Duration) async throws -> UInt64
    {
        struct Answer: Decodable { var SpaceReclaimed: UInt64? }
        let filters = EventQuery(filters: ["until": ["\(max(0, until.totalNanoseconds / 1_000_000_000))s"]]).filtersJSON
        let path = identity.path("/build/prune?keep-storage=\(keepStorage)&filters=\(percentEncoded(filters))")
        let (head, body) = try await request(.POST, path, working: true)
        try Self.requireSuccess(head, body, "POST \(path)", endpoint)
        return (try? JSONDecoder().decode(Answer.self, from: Data(body)))?.SpaceReclaimed ?? 0
    }

    private func delete(_ identity: EngineIdentity, _ path: String) async throws {
        let versioned = identity.path(path)
        let (head, body) = try await request(.DELETE, versioned, working: true)
        try Self.requireSuccess(head, body, "DELETE \(versioned)", endpoint)
    }

    private func getJSON<Value: Decodable>(
        _ identity: EngineIdentity, _ path: String, as type: Value.Type, what: String
    ) async throws -> Value {
        let versioned = identity.path(path)
        let (head, body) = try await request(.GET, versioned, working: true)
        try Self.requireSuccess(head, body, "GET \(versioned)", endpoint)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body))
        } catch {
            throw EngineError(
                .protocolViolation, "the engine at \(endpoint) answered GET \(versioned) with JSON that is not \(what)")
        }
    }
}
