import SystemIO

/// Looks at the socket path before gRPC does: gRPC's own answer to a missing socket is a retrying connection and
/// a vague "unavailable", where the caller needs "nothing is there".
enum SocketCheck {
    static func requireSocket(at path: String) throws(ContainerdError) {
        if let reason = SocketPath.problem(path) { throw .socketMissing(path: path, reason: reason) }
    }
}
