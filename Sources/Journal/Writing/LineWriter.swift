import JournalFormat
import Synchronization
import SystemIO

/// Whole lines written to a file descriptor with write(2), never interleaved mid-line.
///
/// A line is written at once (`reclaimd events | consumer` sees each event as it happens), unless its writer
/// asks for `buffered`: then it waits for that writer's `flush()`, which it promises soon (after each network
/// read's events: one write(2) for hundreds of lines instead of one each), or for `bufferLimit` bytes. An
/// unbuffered line first writes out every buffered line before it, so lines keep the order they were written in.
public final class LineWriter: Sendable {
    /// The file descriptor written to.
    public let descriptor: Int32
    /// Buffered bytes that are written out without waiting for `flush()`.
    public static let bufferLimit = 64 << 10
    private let buffer = Mutex<[UInt8]>([])

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `line` and a newline; with `buffered`, at the next `flush()` at the latest.
    public func writeLine(_ line: String, buffered: Bool = false) {
        var line = line
        line.withUTF8 { writeLine(bytes: UnsafeRawBufferPointer($0), buffered: buffered) }
    }

    /// Writes the UTF-8 bytes of a line and a newline; with `buffered`, at the next `flush()` at the latest.
    public func writeLine(bytes: UnsafeRawBufferPointer, buffered: Bool = false) {
        buffer.withLock { pending in
            pending.append(contentsOf: bytes)
            pending.append(UInt8(ascii: "\n"))
            if !buffered || pending.count >= Self.bufferLimit { writeOut(&pending) }
        }
    }

    /// Appends a buffered line that `write` builds straight into the buffer (no copy of its own); a newline follows.
    public func appendLine(_ write: (inout [UInt8]) -> Void) {
        buffer.withLock { pending in
            write(&pending)
            pending.append(UInt8(ascii: "\n"))
            if pending.count >= Self.bufferLimit { writeOut(&pending) }
        }
    }

    /// Writes out the buffered lines.
    public func flush() {
        buffer.withLock { writeOut(&$0) }
    }

    private func writeOut(_ pending: inout [UInt8]) {
        guard !pending.isEmpty else { return }
        // A failure means the reader went away; nothing sensible is left to do with these lines.
        WriteAll.write(pending, to: descriptor)
        pending.removeAll(keepingCapacity: pending.capacity <= 2 * Self.bufferLimit)
    }
}

/// The process's standard streams as line writers.
public enum Console {
    /// Events and results.
    public static let output = LineWriter(descriptor: 1)
    /// Errors that end a command.
    public static let error = LineWriter(descriptor: 2)
}
