import SystemIO

/// Whole lines written straight to a file descriptor with write(2): unbuffered, so `reclaimd events | consumer`
/// sees each event as it happens, and never interleaved mid-line.
public struct LineWriter: Sendable {
    /// The file descriptor written to.
    public let descriptor: Int32

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `line` and a newline in as few write(2) calls as the kernel allows.
    public func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        // A failure means the reader went away; nothing sensible is left to do with this line.
        WriteAll.write(bytes, to: descriptor)
    }
}

/// The process's standard streams as line writers.
public enum Console {
    /// Events and results.
    public static let output = LineWriter(descriptor: 1)
    /// Errors that end a command.
    public static let error = LineWriter(descriptor: 2)
}
