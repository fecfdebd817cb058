import EngineAPI
import Formats
import Policies

/// Reads what a policy decides on from the engine: images with their own sizes, containers, usage.
public struct InventoryReader: Sendable {
    public let client: EngineClient
    public let identity: EngineIdentity

    public init(client: EngineClient, identity: EngineIdentity) {
        self.client = client
        self.identity = identity
    }

    /// Images, containers and the images' usage, measured now.
    public func inventory() async throws -> Inventory {
        let images = Self.records(try await client.images(identity))
        let containers = try await client.containers(identity).map(Self.record)
        // Podman 4.3 answers LayersSize 0 whatever it holds: then the images' own sizes, summed.
        let layers = try await client.diskUsage(identity).layersSize ?? 0
        let usage = layers > 0 || images.isEmpty ? UInt64(max(0, layers)) : images.reduce(0) { $0 + $1.size }
        return Inventory(images: images, containers: containers, imageUsage: usage)
    }

    /// Containers with their writable layers' sizes and, for exited ones, when they stopped.
    public func containers() async throws -> [ContainerRecord] {
        var records: [ContainerRecord] = []
        for container in try await client.containers(identity, size: true) {
            var record = Self.record(container)
            if container.state == "exited" { record.finished = try await client.containerFinished(identity, id: container.id) }
            records.append(record)
        }
        return records
    }

    /// An image's own size is what it adds to its parent (the legacy builder's chain); without a known parent,
    /// its size less what it shares with others, when the engine says.
    static func records(_ images: [EngineImage]) -> [ImageRecord] {
        let sizes = Dictionary(images.map { ($0.id, $0.size) }) { first, _ in first }
        return images.map { image in
            // Podman writes the parent's ID without the `sha256:` its own IDs have.
            let parent = image.parentID.isEmpty ? nil : (image.parentID.contains(":") || !image.id.hasPrefix("sha256:") ? image.parentID : "sha256:" + image.parentID)
            let own: Int64
            if let parent, let parentSize = sizes[parent] {
                own = image.size - parentSize
            } else {
                own = image.sharedSize > 0 ? image.size - image.sharedSize : image.size
            }
            return ImageRecord(id: image.id, parentID: parent, references: image.repoTags,
                               created: Timestamp(seconds: image.created), size: UInt64(max(0, own)))
        }
    }

    static func record(_ container: EngineContainer) -> ContainerRecord {
        ContainerRecord(id: container.id, name: container.name, imageID: container.imageID, state: container.state,
                        created: Timestamp(seconds: container.created), size: UInt64(max(0, container.sizeRw)))
    }
}
