/// Splits a byte stream into newline-terminated lines, whatever the chunk boundaries: one line may span
/// chunks and one chunk may hold many. Lines longer than `limit` are dropped and framing resumes at the next
/// newline, so one runaway line cannot grow memory without bound.
public struct LineFramer: Sendable {
    /// What the framer found.
    public enum Output: Sendable, Equatable {
        /// A complete line without its terminator (`\n`, or `\r\n`); `offset` is where it starts in the stream.
        case line(offset: Int, bytes: [UInt8])
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
        var start = chunk.startIndex
        while start != chunk.endIndex {
            let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? chunk.endIndex
            let piece = chunk[start..<end]
            let pieceLength = piece.count
            position += pieceLength
            if let dropped = droppedLength {
                droppedLength = dropped + pieceLength
            } else if pending.count + pieceLength > limit {
                droppedLength = pending.count + pieceLength
                pending.removeAll(keepingCapacity: false)
            } else {
                pending.append(contentsOf: piece)
            }
            guard let newline else { return }
            position += 1
            endLine(into: &output)
            start = chunk.index(after: newline)
        }
    }

    /// Ends the stream: a last line without a newline is still a line.
    public mutating func finish(into output: inout [Output]) {
        if droppedLength != nil || !pending.isEmpty {
            endLine(into: &output)
        }
    }

    private mutating func endLine(into output: inout [Output]) {
        if let dropped = droppedLength {
            output.append(.oversized(offset: lineStart, length: dropped))
            droppedLength = nil
        } else {
            if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
            if !pending.isEmpty {
                output.append(.line(offset: lineStart, bytes: pending))
            }
            pending.removeAll(keepingCapacity: true)
        }
        lineStart = position
    }
}
