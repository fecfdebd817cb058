#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Formats

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
public enum EventDecoder {
    /// How much of a bad line a warning quotes.
    static let excerptLength = 80

    /// Decodes a line; throws `MalformedEventLine` naming `offset` for anything that is not an event object.
    public static func decode(_ line: some Collection<UInt8>, offset: Int) throws(MalformedEventLine) -> EngineEvent {
        let wire: WireEvent
        do {
            wire = try JSONDecoder().decode(WireEvent.self, from: Data(line))
        } catch {
            throw malformed(line, offset, "not a JSON event object")
        }
        // API < 1.22 events carried only `status`, `id` and `from`, and were about containers or images.
        guard let action = wire.Action ?? wire.status, !action.isEmpty else {
            throw malformed(line, offset, "no Action")
        }
        guard let type = wire.`Type` ?? (wire.status != nil ? "container" : nil) else {
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
            actorID: wire.Actor?.ID ?? wire.id ?? "",
            attributes: wire.Actor?.Attributes?.mapValues(\.text) ?? [:],
            time: time,
            scope: wire.scope
        )
    }

    private static func malformed(_ line: some Collection<UInt8>, _ offset: Int, _ reason: String) -> MalformedEventLine {
        let head = Array(line.prefix(excerptLength))
        var excerpt = String(decoding: head, as: UTF8.self)
        if line.count > excerptLength { excerpt += "…" }
        return MalformedEventLine(offset: offset, excerpt: excerpt, reason: reason)
    }
}

/// The wire form; every field optional so that any engine's dialect decodes, and the rules above decide.
private struct WireEvent: Decodable {
    var `Type`: String?
    var Action: String?
    var status: String?
    var id: String?
    var Actor: WireActor?
    var time: Int64?
    var timeNano: Int64?
    var scope: String?
}

private struct WireActor: Decodable {
    var ID: String?
    var Attributes: [String: AttributeValue]?
}

/// An attribute value: a string as is, anything else as its JSON text, so no attribute is lost.
private struct AttributeValue: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let unsigned = try? container.decode(UInt64.self) {
            text = String(unsigned)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            text = flag ? "true" : "false"
        } else if container.decodeNil() {
            text = "null"
        } else {
            text = "<structured value>"
        }
    }
}
