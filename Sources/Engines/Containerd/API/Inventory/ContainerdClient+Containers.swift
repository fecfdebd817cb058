import ContainerdMessages
import GRPCCore

extension ContainerdClient {
    /// The container records of `namespace`. Throws `.namespaceMissing` for a namespace containerd does not have.
    public func containers(namespace: String) async throws -> [ContainerdContainer] {
        try await requireNamespace(namespace)
        let service = Containerd_Services_Containers_V1_Containers.Client(wrapping: grpc)
        let containers = try await CallFailure.calling("containers.List") {
            try await service.list(
                Containerd_Services_Containers_V1_ListContainersRequest(),
                metadata: NamespaceHeader.metadata(namespace)
            ).containers
        }
        return containers.map { container in
            ContainerdContainer(
                id: container.id, image: container.image, labels: container.labels,
                createdAt: ContainerdTime(container.createdAt))
        }
    }
}
