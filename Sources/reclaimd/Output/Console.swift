#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Whole lines written straight to a file descriptor with write(2): unbuffered, so `reclaimd events | consumer`
/// sees each event as it happens, and never interleaved mid-line.
struct LineWriter: Sendable {
    let descriptor: Int32

    func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return  // the reader went away; nothing sensible is left to do with this line
            }
            written += result
        }
    }
}

/// The process's standard streams as line writers.
enum Console {
    /// Events and results.
    static let output = LineWriter(descriptor: 1)
    /// Errors that end a command.
    static let error = LineWriter(descriptor: 2)
}
