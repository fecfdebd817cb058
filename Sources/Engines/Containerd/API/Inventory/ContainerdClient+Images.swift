import ContainerdMessages
import GRPCCore
import SwiftProtobuf

extension ContainerdClient {
    /// The images of `namespace`, in containerd's order (by name). Throws `.namespaceMissing` for a namespace
    /// containerd does not have.
    public func images(namespace: String) async throws -> [ContainerdImage] {
        try await requireNamespace(namespace)
        let service = Containerd_Services_Images_V1_Images.Client(wrapping: grpc)
        let images = try await CallFailure.calling("images.List") {
            try await service.list(
                Containerd_Services_Images_V1_ListImagesRequest(),
                metadata: NamespaceHeader.metadata(namespace)
            ).images
        }
        return images.map(ContainerdImage.init)
    }

    /// The image called `name` in `namespace`. Throws `.imageNotFound` (or `.namespaceMissing`) when it is not there.
    public func image(namespace: String, name: String) async throws -> ContainerdImage {
        let service = Containerd_Services_Images_V1_Images.Client(wrapping: grpc)
        var request = Containerd_Services_Images_V1_GetImageRequest()
        request.name = name
        do {
            return ContainerdImage(try await service.get(request, metadata: NamespaceHeader.metadata(namespace)).image)
        } catch  where CallFailure.isNotFound(error) {
            try await requireNamespace(namespace)
            throw ContainerdError.imageNotFound(namespace: namespace, name: name)
        } catch {
            throw CallFailure.mapped(error, operation: "images.Get")
        }
    }

    /// Removes the image record `name` from `namespace`, synchronously: containerd's garbage collection of what
    /// only this image held (its manifest, config, layers and their snapshots) has run when this returns.
    /// Throws `.imageNotFound` (or `.namespaceMissing`) when there is no such image.
    public func deleteImage(namespace: String, name: String) async throws {
        let service = Containerd_Services_Images_V1_Images.Client(wrapping: grpc)
        var request = Containerd_Services_Images_V1_DeleteImageRequest()
        request.name = name
        request.sync = true
        do {
            _ = try await service.delete(request, metadata: NamespaceHeader.metadata(namespace))
        } catch  where CallFailure.isNotFound(error) {
            try await requireNamespace(namespace)
            throw ContainerdError.imageNotFound(namespace: namespace, name: name)
        } catch {
            throw CallFailure.mapped(error, operation: "images.Delete")
        }
    }
}

extension ContainerdImage {
    init(_ image: Containerd_Services_Images_V1_Image) {
        self.init(
            name: image.name, labels: image.labels, createdAt: ContainerdTime(image.createdAt),
            updatedAt: ContainerdTime(image.updatedAt), target: ContainerdDescriptor(image.target))
    }
}

extension ContainerdTime {
    init(_ timestamp: Google_Protobuf_Timestamp) {
        self.init(seconds: timestamp.seconds, nanoseconds: timestamp.nanos)
    }
}

extension ContainerdDescriptor {
    init(_ descriptor: Containerd_Types_Descriptor) {
        self.init(mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size)
    }
}
