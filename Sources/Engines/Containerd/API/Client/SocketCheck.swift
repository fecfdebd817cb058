#if canImport(Glibc)
import ContainerdMessages
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Looks at the socket path before gRPC does: gRPC's own answer to a missing socket is a retrying connection and
/// a vague "unavailable", where the caller needs "nothing is there".
enum SocketCheck {
    static func requireSocket(at path: String) throws(ContainerdError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .socketMissing(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw .socketMissing(path: path, reason: "it exists but is not a unix socket")
        }
    }
}
