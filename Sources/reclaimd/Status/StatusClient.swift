import AgentCore
import AgentRuntime
import Glibc
import SystemIO

/// Asks the running agent for its status over `STATE_DIR/status.sock` (`StatusServer`'s protocol: one line
/// `text` or `json`, the answer, then the agent closes).
enum StatusClient {
    /// Why there is no answer.
    enum Failure: Error {
        /// No agent listens there (no socket, or a stale one).
        case notRunning(String)
        /// The socket exists but may not be used (not root), or something else failed.
        case failed(String)
    }

    static func ask(socketPath path: String, format: String) throws(Failure) -> [UInt8] {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .failed("cannot create a socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        try connect(descriptor, to: path)
        guard WriteAll.write(Array((format + "\n").utf8), to: descriptor) == 0 else {
            throw .failed("cannot ask the agent at \(path): \(String(cString: strerror(errno)))")
        }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw .failed("cannot read the agent's answer: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return answer }
            answer += chunk[..<count]
        }
    }

    private static func connect(_ descriptor: Int32, to path: String) throws(Failure) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw .failed("the socket path \(path) is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result != 0 else { return }
        let code = errno
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT, ECONNREFUSED:
            throw .notRunning("reclaimd is not running: no agent answers at \(path) (\(reason))")
        case EACCES, EPERM:
            throw .failed("cannot ask the agent at \(path): \(reason) (the status socket is root's: run as root)")
        default:
            throw .failed("cannot ask the agent at \(path): \(reason)")
        }
    }
}
