import EngineAdapter
import Formats
import Time

/// A line of the event stream that is not an event. The stream goes on after it.
public struct MalformedEventLine: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the line starts in the response body, in bytes.
    public var offset: Int
    /// The start of the line, for the warning.
    public var excerpt: String
    /// Why it was not accepted.
    public var reason: String

    public init(offset: Int, excerpt: String, reason: String) {
        self.offset = offset
        self.excerpt = excerpt
        self.reason = reason
    }

    public var description: String {
        "skipped a malformed event at byte \(offset) of the stream (\(reason)): \(excerpt)"
    }
}

/// Decodes one NDJSON line of `GET /events` into an `EngineEvent`.
///
/// `EventLineParser` reads the lines engines send; whatever it declines goes to `JSONDecoder`
/// (`JSONEventFallback`), so every line decodes exactly as `JSONDecoder` alone decoded it.
public enum EventDecoder {
    /// How much of a bad line a warning quotes.
    static let excerptLength = 80

    /// Decodes a line; throws `MalformedEventLine` naming `offset` for anything that is not an event object.
    public static func decode(_ line: some Collection<UInt8>, offset: Int) throws(MalformedEventLine) -> EngineEvent {
        let result =
            line.withContiguousStorageIfAvailable { decodeResult(UnsafeRawBufferPointer($0), offset) }
            ?? Array(line).withUnsafeBytes { decodeResult($0, offset) }
        return try result.get()
    }

    /// Decodes a line held in contiguous memory (the framer's lines, in place).
    public static func decode(_ line: UnsafeRawBufferPointer, offset: Int) throws(MalformedEventLine) -> EngineEvent {
        let wire: EventFields
        if let fields = try? EventLineParser.parse(line) {
            wire = fields
        } else if let fields = JSONEventFallback.fields(line) {
            wire = fields
        } else {
            throw malformed(line, offset, "not a JSON event object")
        }
        // API < 1.22 events carried only `status`, `id` and `from`, and were about containers or images.
        guard let action = wire.action ?? wire.status, !action.isEmpty else {
            throw malformed(line, offset, "no Action")
        }
        guard let type = wire.type ?? (wire.status != nil ? "container" : nil) else {
            throw malformed(line, offset, "no Type")
        }
        let time: Timestamp
        if let nanos = wire.timeNano {
            time = Timestamp(nanoseconds: nanos)
        } else if let seconds = wire.time {
            time = Timestamp(seconds: seconds)
        } else {
            throw malformed(line, offset, "no time or timeNano")
        }
        return EngineEvent(
            type: type,
            action: action,
            actorID: wire.actorID ?? wire.id ?? "",
            attributes: wire.attributes ?? [:],
            time: time,
            scope: wire.scope
        )
    }

    private static func decodeResult(
        _ line: UnsafeRawBufferPointer, _ offset: Int
    ) -> Result<EngineEvent, MalformedEventLine> {
        Result { () throws(MalformedEventLine) in try decode(line, offset: offset) }
    }

    private static func malformed(_ line: UnsafeRawBufferPointer, _ offset: Int, _ reason: String) -> MalformedEventLine
    {
        var excerpt = String(decoding: line.prefix(excerptLength), as: UTF8.self)
        if line.count > excerptLength { excerpt += "…" }
        return MalformedEventLine(offset: offset, excerpt: excerpt, reason: reason)
    }
}
