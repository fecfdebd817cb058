import ContainerdMessages
import GRPCCore

extension ContainerdClient {
    /// The names of containerd's namespaces, sorted.
    public func namespaces() async throws -> [String] {
        let service = Containerd_Services_Namespaces_V1_Namespaces.Client(wrapping: grpc)
        let namespaces = try await CallFailure.calling("namespaces.List") {
            try await service.list(Containerd_Services_Namespaces_V1_ListNamespacesRequest()).namespaces
        }
        return namespaces.map(\.name).sorted()
    }

    /// Throws `ContainerdError.namespaceMissing` unless containerd has `namespace`: containerd answers listings
    /// in a namespace it lacks with nothing, which would hide a misspelt name.
    public func requireNamespace(_ namespace: String) async throws {
        let service = Containerd_Services_Namespaces_V1_Namespaces.Client(wrapping: grpc)
        var request = Containerd_Services_Namespaces_V1_GetNamespaceRequest()
        request.name = namespace
        do {
            _ = try await service.get(request)
        } catch where CallFailure.isNotFound(error) {
            throw ContainerdError.namespaceMissing(namespace: namespace)
        } catch {
            throw CallFailure.mapped(error, operation: "namespaces.Get")
        }
    }
}
