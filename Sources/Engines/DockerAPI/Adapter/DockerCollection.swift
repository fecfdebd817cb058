import EngineAdapter
import EventModel
import Formats
import Time
import Policies

/// Garbage collection through Docker's or Podman's API: images with their own sizes, containers, usage from
/// `GET /system/df`, removals one at a time, the build cache's own prune, uses from the event backlog.
public struct DockerCollection: EngineCollection {
    public let client: EngineClient
    public let identity: EngineIdentity
    public let dataRoot: String

    public init(client: EngineClient, identity: EngineIdentity, dataRoot: String) {
        self.client = client
        self.identity = identity
        self.dataRoot = dataRoot
    }

    public func inventory() async throws -> Inventory {
        let images = Self.records(try await client.images(identity))
        let containers = try await client.containers(identity).map(Self.record)
        // Podman 4.3 answers LayersSize 0 whatever it holds: then the images' own sizes, summed.
        let layers = try await client.diskUsage(identity).layersSize ?? 0
        let usage = layers > 0 || images.isEmpty ? UInt64(max(0, layers)) : images.reduce(0) { $0 + $1.size }
        return Inventory(images: images, containers: containers, imageUsage: usage)
    }

    public func containers() async throws -> [ContainerRecord] {
        var records: [ContainerRecord] = []
        for container in try await client.containers(identity, size: true) {
            var record = Self.record(container)
            if container.state == "exited" {
                record.finished = try await client.containerFinished(identity, id: container.id)
            }
            records.append(record)
        }
        return records
    }

    /// Untags the reference (the last one deletes the image), or deletes a dangling image by ID.
    public func removeImage(_ reference: String, of id: String) async throws -> ImageRemoval {
        try await client.removeImage(identity, reference)
    }

    public func removeContainer(_ id: String) async throws {
        try await client.removeContainer(identity, id)
    }

    public func buildCacheUsage() async throws -> UInt64? {
        UInt64(max(0, try await client.diskUsage(identity).buildCacheSize))
    }

    /// False when the engine has no such endpoint (Podman 4.3 answers 404): no cache to prune.
    public func pruneBuildCache(keepStorage: UInt64, until: Duration) async throws -> Bool {
        do {
            _ = try await client.pruneBuildCache(identity, keepStorage: keepStorage, until: until)
            return true
        } catch let error as EngineError where error.code == .engineAnswered(status: 404) {
            return false
        }
    }

    /// The uses in the engine's backlog (Docker: its last 256 events) up to now. Podman 4.3 answers an `until`
    /// of the current second with its first event only: it gets a second more.
    public func recentUses() async throws -> LastUse {
        let until = Timestamp.now().advanced(by: identity.kind == .podman ? .seconds(1) : .zero)
        let filters = DockerFilter.filters(
            for: EventSelection(resources: ["container", "image"], kinds: [EventKind.use]))
        let query = EventQuery(since: Timestamp(seconds: 0), until: until, filters: filters)
        var lastUse = LastUse()
        try await client.streamEvents(identity, query) { item in
            if case .event(let event) = item { lastUse.record(event) }
        }
        return lastUse
    }

    /// An image's own size is what it adds to its parent (the legacy builder's chain); without a known parent,
    /// its size less what it shares with others, when the engine says.
    static func records(_ images: [EngineImage]) -> [ImageRecord] {
        let sizes = Dictionary(images.map { ($0.id, $0.size) }) { first, _ in first }
        return images.map { image in
            // Podman writes the parent's ID without the `sha256:` its own IDs have.
            let parent =
                image.parentID.isEmpty
                ? nil
                : (image.parentID.contains(":") || !image.id.hasPrefix("sha256:")
                    ? image.parentID : "sha256:" + image.parentID)
            let own: Int64
            var shared: Int64 = 0
            if let parent, let parentSize = sizes[parent] {
                own = image.size - parentSize
            } else {
                own = image.sharedSize > 0 ? image.size - image.sharedSize : image.size
                shared = max(0, image.sharedSize)
            }
            // Podman's events name `localhost/app:1` as `app:1`.
            let aliases = image.repoTags.filter { $0.hasPrefix("localhost/") }.map { String($0.dropFirst(10)) }
            return ImageRecord(
                id: image.id, parentID: parent, references: image.repoTags,
                created: Timestamp(seconds: image.created), size: UInt64(max(0, own)), aliases: aliases,
                shared: UInt64(shared), labels: image.labels)
        }
    }

    static func record(_ container: EngineContainer) -> ContainerRecord {
        ContainerRecord(
            id: container.id, name: container.name, imageID: container.imageID, state: container.state,
            created: Timestamp(seconds: container.created), size: UInt64(max(0, container.sizeRw)),
            labels: container.labels)
    }
}
