import EngineAdapter
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads an event line with `JSONDecoder`: what `EventDecoder` did for every line before `EventLineParser`, and
/// still does for the lines that parser declines (non-string attributes, numbers with fractions, duplicate
/// keys, anything malformed). Rare, so Foundation's decoder stays off the hot path and its pages stay unloaded.
enum JSONEventFallback {
    /// The fields, or nil when the line is not a JSON object of the event's shape.
    static func fields(_ line: UnsafeRawBufferPointer) -> EventFields? {
        guard let wire = try? JSONDecoder().decode(WireEvent.self, from: Data(line)) else { return nil }
        return EventFields(
            type: wire.`Type`, action: wire.Action, status: wire.status, id: wire.id, actorID: wire.Actor?.ID,
            attributes: wire.Actor?.Attributes?.mapValues(\.text), time: wire.time, timeNano: wire.timeNano,
            scope: wire.scope)
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
