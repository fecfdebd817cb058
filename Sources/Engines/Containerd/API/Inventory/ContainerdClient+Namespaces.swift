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
    /// in a namespace it lacks with nothing, which would hide a misspelt name. (Its namespaces.Get does not tell:
    /// containerd 1.6 answers it for any name, so this lists them.)
    public func requireNamespace(_ namespace: String) async throws {
        guard try await namespaces().contains(namespace) else {
            throw ContainerdError.namespaceMissing(namespace: namespace)
        }
    }
}
