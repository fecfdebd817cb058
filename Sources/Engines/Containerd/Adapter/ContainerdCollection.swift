import ContainerdAPI
import EngineAdapter
import Policies
import Time

/// Garbage collection on containerd: images through its images service, in the namespaces the configuration
/// names (or, without `[engine] namespaces`, every namespace but those other agents own), sized from the content
/// store. containerd's container records belong to their clients (kubelet, nerdctl): they protect their images
/// here and are never removed; there is no build cache to collect and no event backlog to learn from.
struct ContainerdCollection: EngineCollection {
    let client: ContainerdClient
    let dataRoot: String
    let namespaces: [String]?

    /// Namespaces a policy never touches unless `[engine] namespaces` names them: kubelet's (`k8s.io`, whose image
    /// GC owns it) and Docker's own (`moby`, which Docker's adapter collects).
    static let protectedNamespaces: Set<String> = ["k8s.io", "moby"]

    /// The namespaces collected in, of those containerd has (listed once per inventory).
    func collected(among all: [String]) -> Set<String> {
        Set(namespaces ?? all.filter { !Self.protectedNamespaces.contains($0) })
    }

    func inventory() async throws -> Inventory {
        let all = try await client.namespaces().sorted()
        let collected = collected(among: all)
        var groups: [ImageGroup] = []
        var containers: [ContainerRecord] = []
        // Blobs are stored once whatever the namespaces that name them: sharing is counted across all of them.
        var holders: [String: Int] = [:]
        var blobSizes: [String: Int64] = [:]
        for namespace in all {
            let images = try await client.images(namespace: namespace)
            var byTarget: [String: ImageGroup] = [:]
            for image in images {
                let key = image.target.digest
                var group =
                    byTarget[key]
                    ?? ImageGroup(
                        namespace: namespace, digest: key, names: [],
                        created: ContainerdDialect.timestamp(image.createdAt), blobs: [])
                group.names.append(image.name)
                group.labels.merge(image.labels) { first, _ in first }
                group.created = min(group.created, ContainerdDialect.timestamp(image.createdAt))
                byTarget[key] = group
            }
            for (_, var group) in byTarget.sorted(by: { $0.key < $1.key }) {
                // A name whose blobs the content store lacks (a platform never pulled) still takes what it has.
                let size = try? await client.imageSize(namespace: namespace, name: group.names[0])
                group.blobs = size?.blobs.map(\.digest) ?? []
                for blob in size?.blobs ?? [] {
                    holders[blob.digest, default: 0] += 1
                    blobSizes[blob.digest] = blob.size
                }
                if collected.contains(namespace) { groups.append(group) }
            }
            guard collected.contains(namespace) else { continue }
            for container in try await client.containers(namespace: namespace) {
                let image = byTarget.values.first { $0.names.contains(container.image) }
                containers.append(
                    ContainerRecord(
                        id: "\(namespace)/\(container.id)", name: container.id,
                        imageID: image.map(\.id) ?? "\(namespace)/\(container.image)", state: "created",
                        created: ContainerdDialect.timestamp(container.createdAt), labels: container.labels))
            }
        }
        var counted = Set<String>()
        var usage: UInt64 = 0
        let records = groups.map { group in
            var own: UInt64 = 0
            for blob in group.blobs {
                let size = UInt64(max(0, blobSizes[blob] ?? 0))
                if holders[blob] == 1 { own += size }
                if counted.insert(blob).inserted { usage += size }
            }
            return ImageRecord(
                id: group.id, references: group.names.sorted(), created: group.created, size: own,
                labels: group.labels)
        }
        return Inventory(images: records, containers: containers, imageUsage: usage)
    }

    /// None: containerd's container records are their clients' to remove.
    func containers() async throws -> [ContainerRecord] { [] }

    /// Deletes one name of the image (synchronously: containerd's own GC then frees its blobs). containerd does
    /// not say what went: the image counts as deleted once its last name is.
    func removeImage(_ reference: String, of id: String) async throws -> ImageRemoval {
        guard let slash = id.firstIndex(of: "/") else {
            throw EngineError(.protocolViolation, "\(id) is not an image of containerd's inventory (NAMESPACE/DIGEST)")
        }
        let namespace = String(id[..<slash])
        do {
            try await client.deleteImage(namespace: namespace, name: reference)
        } catch let error as ContainerdError {
            throw Self.engineError(error)
        }
        return ImageRemoval(untagged: [reference], deleted: nil)
    }

    func removeContainer(_ id: String) async throws {
        throw EngineError(
            .protocolViolation, "reclaimd does not remove containerd's containers (\(id)): their clients own them")
    }

    func buildCacheUsage() async throws -> UInt64? { nil }

    func pruneBuildCache(keepStorage: UInt64, until: Duration) async throws -> Bool { false }

    /// containerd keeps no event backlog.
    func recentUses() async throws -> LastUse { LastUse() }

    /// containerd's failures in the seam's terms: unreachable is retried and exits 69; refusals exit 76.
    static func engineError(_ error: ContainerdError) -> EngineError {
        switch error {
        case .socketMissing, .notContainerd: return EngineError(.unreachable, error.description)
        case .namespaceMissing, .imageNotFound: return EngineError(.engineAnswered(status: 404), error.description)
        case .call(_, let code, _) where code == "unavailable": return EngineError(.connectionLost, error.description)
        case .unreadableManifest, .call: return EngineError(.engineAnswered(status: 500), error.description)
        }
    }
}

/// The names of one namespace that point at the same target: one image, as policies see it.
struct ImageGroup: Sendable {
    var namespace: String
    var digest: String
    var names: [String]
    var created: Timestamp
    var blobs: [String]
    /// The labels of all its names (containerd labels each image record; CRI pins with
    /// `io.cri-containerd.pinned=pinned`), for `only = ["label:KEY=VALUE"]`.
    var labels: [String: String] = [:]

    /// `NAMESPACE/DIGEST`: unique across namespaces, and where a removal finds the namespace.
    var id: String { "\(namespace)/\(digest)" }
}
