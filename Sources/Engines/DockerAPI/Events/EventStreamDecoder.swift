import EngineAdapter
import EventModel
import Formats
import Time

/// Turns the body of `GET /events`, chunk by chunk, into normalized events and warnings.
///
/// Pure: no I/O, no logging. The client feeds it what the network delivers; tests feed it recorded streams
/// split at every point.
public struct EventStreamDecoder: Sendable {
    /// One thing found in the stream.
    public enum Item: Sendable, Equatable {
        case event(ReclaimEvent)
        /// Something was skipped or could not be read; the stream goes on.
        case warning(String)
    }

    private var framer: LineFramer
    private let normalizer: EventNormalizer

    public init(engine: EngineKind, lineLimit: Int = LineFramer.defaultLimit) {
        framer = LineFramer(limit: lineLimit)
        normalizer = EventNormalizer(engine: engine)
    }

    /// Feeds the next chunk; returns what it completes, in stream order.
    public mutating func feed<Bytes: Collection<UInt8>>(_ chunk: Bytes) -> [Item] {
        if let items = chunk.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0)) }) {
            return items
        }
        return Array(chunk).withUnsafeBytes { feed($0) }
    }

    /// Feeds the next chunk from contiguous memory (a network buffer): lines within it are decoded in place.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) -> [Item] {
        var items: [Item] = []
        let (normalizer, limit) = (self.normalizer, framer.limit)
        framer.forEachLine(in: chunk) { Self.decode($0, normalizer, limit, into: &items) }
        return items
    }

    /// Ends the stream; returns what a last unterminated line held.
    public mutating func finish() -> [Item] {
        var items: [Item] = []
        let (normalizer, limit) = (self.normalizer, framer.limit)
        framer.finish { Self.decode($0, normalizer, limit, into: &items) }
        return items
    }

    private static func decode(
        _ found: LineFramer.Found, _ normalizer: EventNormalizer, _ limit: Int, into items: inout [Item]
    ) {
        switch found {
        case .line(let offset, let bytes):
            do {
                let (event, warning) = normalizer.normalize(try EventDecoder.decode(bytes, offset: offset))
                if let warning { items.append(.warning(warning)) }
                items.append(.event(event))
            } catch {
                items.append(.warning(error.description))
            }
        case .oversized(let offset, let length):
            items.append(
                .warning(
                    "dropped a line of \(length) bytes at byte \(offset) of the stream: longer than the \(limit)-byte limit"
                ))
        }
    }
}
