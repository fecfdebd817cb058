#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What is at an engine's socket path, for discovery and for clients that need "nothing is there" said plainly
/// (gRPC's own answer to a missing socket is a retrying connection and a vague "unavailable").
public enum SocketPath {
    /// Whether anything is at `path` (discovery tries the first engine whose socket exists).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Why `path` is not a unix socket to connect to (the system's reason, or what is there instead); nil when it is.
    public static func problem(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return String(cString: strerror(errno)) }
        guard status.st_mode & S_IFMT == S_IFSOCK else { return "it exists but is not a unix socket" }
        return nil
    }
}
