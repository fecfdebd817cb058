import Glibc

/// Splits a byte stream into newline-terminated lines, whatever the chunk boundaries: one line may span
/// chunks and one chunk may hold many. Lines longer than `limit` are dropped and framing resumes at the next
/// newline, so one runaway line cannot grow memory without bound.
///
/// The work is done on contiguous bytes with `memchr` (`forEachLine(in:)`): a line that lies within one chunk is
/// handed out in place, without a copy; only a line split across chunks is assembled in `pending`. The
/// `append(_:to:)` form copies each line into an array, for callers that keep lines.
public struct LineFramer: Sendable {
    /// What the framer found.
    public enum Output: Sendable, Equatable {
        /// A complete line without its terminator (`\n`, or `\r\n`); `offset` is where it starts in the stream.
        case line(offset: Int, bytes: [UInt8])
        /// A line over the limit was dropped; `length` counts its bytes without the terminator.
        case oversized(offset: Int, length: Int)
    }

    /// A line found by `forEachLine(in:)`, valid only during the call that received it.
    public enum Found {
        /// A complete, non-empty line without its terminator; `offset` is where it starts in the stream.
        case line(offset: Int, bytes: UnsafeRawBufferPointer)
        /// A line over the limit was dropped; `length` counts its bytes without the terminator.
        case oversized(offset: Int, length: Int)
    }

    /// The engine's events are a few hundred bytes; 1 MiB leaves room for any real one.
    public static let defaultLimit = 1 << 20

    /// The longest line kept, in bytes.
    public let limit: Int
    private var pending: [UInt8] = []
    /// Stream offset of the first byte of the line being assembled.
    private var lineStart = 0
    /// Bytes of the stream seen so far.
    private var position = 0
    /// Length so far of a line being dropped for its size, or nil when not dropping.
    private var droppedLength: Int?

    public init(limit: Int = LineFramer.defaultLimit) {
        self.limit = limit
    }

    /// Takes the next chunk of the stream and appends what it completes to `output`.
    public mutating func append<Bytes: Collection<UInt8>>(_ chunk: Bytes, to output: inout [Output]) {
        let handled: Void? = chunk.withContiguousStorageIfAvailable { buffer in
            append(UnsafeRawBufferPointer(buffer), to: &output)
        }
        if handled == nil {
            Array(chunk).withUnsafeBytes { append($0, to: &output) }
        }
    }

    /// Takes the next chunk of the stream, as contiguous bytes, and appends what it completes to `output`.
    public mutating func append(_ chunk: UnsafeRawBufferPointer, to output: inout [Output]) {
        forEachLine(in: chunk) { found in
            switch found {
            case .line(let offset, let bytes): output.append(.line(offset: offset, bytes: Array(bytes)))
            case .oversized(let offset, let length): output.append(.oversized(offset: offset, length: length))
            }
        }
    }

    /// Ends the stream: a last line without a newline is still a line.
    public mutating func finish(into output: inout [Output]) {
        finish { found in
            switch found {
            case .line(let offset, let bytes): output.append(.line(offset: offset, bytes: Array(bytes)))
            case .oversized(let offset, let length): output.append(.oversized(offset: offset, length: length))
            }
        }
    }

    /// Takes the next chunk of the stream and hands each line it completes to `body`, in stream order.
    public mutating func forEachLine(in chunk: UnsafeRawBufferPointer, _ body: (Found) throws -> Void) rethrows {
        guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
        var start = 0
        while start < chunk.count {
            let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), chunk.count - start)
            let end = newline.map { UnsafeRawPointer($0) - base } ?? chunk.count
            let piece = UnsafeRawBufferPointer(start: base + start, count: end - start)
            position += piece.count
            if let dropped = droppedLength {
                droppedLength = dropped + piece.count
            } else if pending.count + piece.count > limit {
                droppedLength = pending.count + piece.count
                pending.removeAll(keepingCapacity: false)
            } else if newline != nil, pending.isEmpty {
                // The common case: the whole line is in this chunk; hand it out in place.
                position += 1
                try Self.emit(piece, offset: startLine(), body)
                start = end + 1
                continue
            } else {
                pending.append(contentsOf: piece)
            }
            guard newline != nil else { return }
            position += 1
            try endLine(body)
            start = end + 1
        }
    }

    /// Ends the stream, handing a last line without a newline to `body`.
    public mutating func finish(_ body: (Found) throws -> Void) rethrows {
        if droppedLength != nil || !pending.isEmpty {
            try endLine(body)
        }
    }

    /// Ends the line assembled in `pending` (or being dropped).
    private mutating func endLine(_ body: (Found) throws -> Void) rethrows {
        let offset = startLine()
        if let dropped = droppedLength {
            droppedLength = nil
            try body(.oversized(offset: offset, length: dropped))
            return
        }
        defer { pending.removeAll(keepingCapacity: true) }
        try pending.withUnsafeBytes { try Self.emit($0, offset: offset, body) }
    }

    /// The offset of the line that just ended; the next one starts here.
    private mutating func startLine() -> Int {
        defer { lineStart = position }
        return lineStart
    }

    /// Hands out one complete line (its `\r` terminator removed; nothing for an empty line).
    private static func emit(_ line: UnsafeRawBufferPointer, offset: Int, _ body: (Found) throws -> Void) rethrows {
        var length = line.count
        if length > 0, line[length - 1] == UInt8(ascii: "\r") { length -= 1 }
        guard length > 0, let base = line.baseAddress else { return }
        try body(.line(offset: offset, bytes: UnsafeRawBufferPointer(start: base, count: length)))
    }
}
