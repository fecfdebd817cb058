import Glibc

/// Reading a whole file (or stdin) without Foundation.
public enum WholeFile {
    /// The bytes of `path`, or of stdin for `-`; on failure, the errno text.
    public static func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailure(code: errno)) }
        defer { if descriptor != 0 { close(descriptor) } }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(code: errno))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// Why a file could not be read.
    public struct ReadFailure: Error, Sendable, CustomStringConvertible {
        /// The errno value.
        public var code: Int32
        /// Whether the file does not exist.
        public var isMissing: Bool { code == ENOENT }
        public var description: String { String(cString: strerror(code)) }
    }
}
