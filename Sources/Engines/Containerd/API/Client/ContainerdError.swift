import ContainerdMessages

/// What went wrong talking to containerd, each case saying what failed, where, and what to do about it.
///
/// The client maps gRPC's status codes to these where the cause is clear (no socket, not containerd, no such
/// namespace or image); everything else is `.call` with containerd's own code and message.
public enum ContainerdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing at the socket path, or it is not a socket.
    case socketMissing(path: String, reason: String)
    /// Something answered at the path, but not containerd's gRPC API.
    case notContainerd(path: String, reason: String)
    /// A namespaced call named a namespace containerd does not have.
    case namespaceMissing(namespace: String)
    /// The image named is not in the namespace.
    case imageNotFound(namespace: String, name: String)
    /// An image's manifest or index could not be read or understood.
    case unreadableManifest(namespace: String, image: String, digest: String, reason: String)
    /// Any other failed call: containerd's gRPC status code and message.
    case call(operation: String, code: String, message: String)

    public var description: String {
        switch self {
        case .socketMissing(let path, let reason):
            return "no containerd socket at \(path) (\(reason)): is containerd running? Start it, or give the socket "
                + "its configuration names (`[grpc] address`) as containerd://PATH"
        case .notContainerd(let path, let reason):
            return "\(path) did not answer as containerd's gRPC API (\(reason)): is it containerd's socket and not, "
                + "say, Docker's? containerd's is the `[grpc] address` of its config (default /run/containerd/containerd.sock)"
        case .namespaceMissing(let namespace):
            return "containerd has no namespace \"\(namespace)\": `ctr namespaces ls` lists the ones it has"
        case .imageNotFound(let namespace, let name):
            return
                "containerd has no image \"\(name)\" in namespace \"\(namespace)\": `ctr -n \(namespace) images ls` lists them"
        case .unreadableManifest(let namespace, let image, let digest, let reason):
            return "cannot read the manifest \(digest) of image \"\(image)\" in namespace \"\(namespace)\" from "
                + "containerd's content store: \(reason)"
        case .call(let operation, let code, let message):
            return "containerd's \(operation) failed: \(code): \(message)"
        }
    }
}
