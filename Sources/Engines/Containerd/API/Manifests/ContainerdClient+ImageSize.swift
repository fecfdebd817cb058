import ContainerdMessages
import GRPCCore

extension ContainerdClient {
    /// The largest manifest or index read: real ones are a few KiB.
    static let maximumManifestBytes = 4 << 20

    /// What image `name` of `namespace` takes in the content store for `platform` (this machine's by default):
    /// its target, then (through an index, the first entry for the platform) the manifest, its config and its
    /// layers, each with the size the content store has for it.
    public func imageSize(
        namespace: String, name: String,
        platform: ContainerdPlatform = .current
    ) async throws -> ContainerdImageSize {
        let image = try await image(namespace: namespace, name: name)
        var blobs: [ContainerdDescriptor] = []
        var missing: [ContainerdDescriptor] = []
        var next: ContainerdDescriptor? = image.target
        func unreadable(_ digest: String, _ reason: String) -> ContainerdError {
            .unreadableManifest(namespace: namespace, image: name, digest: digest, reason: reason)
        }
        while let descriptor = next {
            next = nil
            guard let stored = try await contentSize(namespace: namespace, digest: descriptor.digest) else {
                throw unreadable(descriptor.digest, "the content store does not have it")
            }
            blobs.append(ContainerdDescriptor(mediaType: descriptor.mediaType, digest: descriptor.digest, size: stored))
            let bytes = try await readContent(
                namespace: namespace, digest: descriptor.digest,
                limit: Self.maximumManifestBytes)
            let document: ManifestDocument
            do {
                document = try ManifestDocument.read(bytes, mediaType: descriptor.mediaType)
            } catch {
                throw unreadable(descriptor.digest, "\(error)")
            }
            switch document {
            case .index(let entries):
                guard let entry = entries.first(where: { $0.platform.map(platform.accepts) ?? false }) else {
                    throw unreadable(descriptor.digest, "the index has no manifest for \(platform)")
                }
                next = entry.descriptor
            case .manifest(let config, let layers):
                for blob in [config] + layers {
                    if let size = try await contentSize(namespace: namespace, digest: blob.digest) {
                        blobs.append(ContainerdDescriptor(mediaType: blob.mediaType, digest: blob.digest, size: size))
                    } else {
                        missing.append(blob)
                    }
                }
            }
        }
        return ContainerdImageSize(blobs: blobs, missing: missing, platform: platform.description)
    }

    /// The size the content store has for `digest`, or nil when it does not have it.
    public func contentSize(namespace: String, digest: String) async throws -> Int64? {
        let service = Containerd_Services_Content_V1_Content.Client(wrapping: grpc)
        var request = Containerd_Services_Content_V1_InfoRequest()
        request.digest = digest
        do {
            return try await service.info(request, metadata: NamespaceHeader.metadata(namespace)).info.size
        } catch  where CallFailure.isNotFound(error) {
            return nil
        } catch {
            throw CallFailure.mapped(error, operation: "content.Info")
        }
    }

    /// The bytes of blob `digest`, at most `limit` of them (more is an error: the caller expected a small blob).
    public func readContent(namespace: String, digest: String, limit: Int) async throws -> [UInt8] {
        let service = Containerd_Services_Content_V1_Content.Client(wrapping: grpc)
        var request = Containerd_Services_Content_V1_ReadContentRequest()
        request.digest = digest
        return try await CallFailure.calling("content.Read") {
            try await service.read(request, metadata: NamespaceHeader.metadata(namespace)) { response in
                var bytes: [UInt8] = []
                for try await chunk in response.messages {
                    guard bytes.count + chunk.data.count <= limit else {
                        throw ContainerdError.call(
                            operation: "content.Read", code: "too large",
                            message: "\(digest) is larger than \(limit) bytes")
                    }
                    bytes.append(contentsOf: chunk.data)
                }
                return bytes
            }
        }
    }
}
