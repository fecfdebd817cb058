import Glibc

/// Writing a whole buffer to a file descriptor.
public enum WriteAll {
    /// Writes every byte, retrying short writes and EINTR; returns 0, or the errno of the write that failed.
    @discardableResult
    public static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return 0
    }
}
