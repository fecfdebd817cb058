import ContainerdMessages
import GRPCCore

/// containerd scopes a call to a namespace by the `containerd-namespace` request header, not by a field of the
/// request: every namespaced call carries this metadata.
enum NamespaceHeader {
    static let name = "containerd-namespace"

    static func metadata(_ namespace: String) -> Metadata {
        var metadata = Metadata()
        metadata.addString(namespace, forKey: name)
        return metadata
    }
}
