import EngineAdapter
/// Reads the fields of one event line straight from its bytes, without a general JSON tree or Foundation.
///
/// Why: `JSONDecoder` cost about a sixth of the time per event, and with it Foundation's code is paged in.
/// It is strict on purpose: it accepts only what it is sure `JSONDecoder` reads the same way (valid JSON, an
/// object, known fields holding strings, integers or null, attributes holding strings, no repeated field) and
/// declines everything else, which `EventDecoder` then hands to `JSONDecoder`. Skipped values (fields reclaimd
/// does not read) are still checked to be valid JSON, since `JSONDecoder` refuses a line with invalid JSON anywhere.
struct EventLineParser {
    /// The line is not of the shape this parser reads; not necessarily malformed.
    struct Declined: Error {}

    /// Nesting deeper than this in skipped values is left to `JSONDecoder`.
    static let depthLimit = 64

    let bytes: UnsafeRawBufferPointer
    var index = 0
    /// Whether a byte above 0x7F was seen: the whole line is then checked to be UTF-8.
    var sawNonASCII = false

    /// The fields of `line`, or `Declined`.
    static func parse(_ line: UnsafeRawBufferPointer) throws(Declined) -> EventFields {
        var parser = EventLineParser(bytes: line)
        return try parser.parseLine()
    }

    private mutating func parseLine() throws(Declined) -> EventFields {
        skipWhitespace()
        var fields = EventFields()
        var seen = KeySet()
        // The legacy `id` repeats `Actor.ID`: made a String only when there is no `Actor.ID`.
        var legacyID: RawString?
        try parseObject { parser, key throws(Declined) in
            let field = EventKeyName.top(key, in: parser)
            try seen.insert(field)
            switch field {
            case .type: fields.type = try parser.optionalString()
            case .action: fields.action = try parser.optionalString()
            case .status: fields.status = try parser.optionalString()
            case .id: legacyID = try parser.optionalRawString()
            case .scope: fields.scope = try parser.optionalString()
            case .time: fields.time = try parser.optionalInteger()
            case .timeNano: fields.timeNano = try parser.optionalInteger()
            case .actor: try parser.parseActor(into: &fields)
            default: try parser.skipValue(depth: 1)
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw Declined() }
        if sawNonASCII, String(validating: bytes, as: UTF8.self) == nil { throw Declined() }
        if let legacyID, fields.actorID == nil { fields.id = string(legacyID) }
        return fields
    }

    /// `Actor`: null, or an object whose `ID` and `Attributes` are read.
    private mutating func parseActor(into fields: inout EventFields) throws(Declined) {
        if try consumeNull() { return }
        var seen = KeySet()
        var actorID: String?
        var attributes: [String: String]?
        try parseObject { parser, key throws(Declined) in
            let field = EventKeyName.actor(key, in: parser)
            try seen.insert(field)
            switch field {
            case .actorID: actorID = try parser.optionalString()
            case .attributes: attributes = try parser.parseAttributes()
            default: try parser.skipValue(depth: 2)
            }
        }
        fields.actorID = actorID
        fields.attributes = attributes
    }

    /// `Attributes`: null, or an object of strings (anything else is declined).
    private mutating func parseAttributes() throws(Declined) -> [String: String]? {
        if try consumeNull() { return nil }
        var attributes: [String: String] = [:]
        attributes.reserveCapacity(4)  // engines send a few; one allocation instead of growing
        try parseObject { parser, key throws(Declined) in
            let name = parser.string(key)
            guard parser.peek() == UInt8(ascii: "\"") else { throw Declined() }
            let value = parser.string(try parser.scanString())
            guard attributes.updateValue(value, forKey: name) == nil else { throw Declined() }
        }
        return attributes
    }

    /// A string or null; any other value is declined.
    private mutating func optionalString() throws(Declined) -> String? {
        try optionalRawString().map(string)
    }

    /// A string token or null; any other value is declined.
    private mutating func optionalRawString() throws(Declined) -> RawString? {
        if try consumeNull() { return nil }
        guard peek() == UInt8(ascii: "\"") else { throw Declined() }
        return try scanString()
    }

    /// An integer that fits in `Int64`, or null; fractions, exponents and everything else are declined.
    private mutating func optionalInteger() throws(Declined) -> Int64? {
        if try consumeNull() { return nil }
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        let start = index
        var value: Int64 = 0
        while index < bytes.count, case let digit = bytes[index], digit >= 0x30, digit <= 0x39 {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) =
                negative
                ? times10.subtractingReportingOverflow(Int64(digit - 0x30))
                : times10.addingReportingOverflow(Int64(digit - 0x30))
            guard !overflow1, !overflow2 else { throw Declined() }
            value = sum
            index += 1
        }
        let length = index - start
        guard length > 0, !(length > 1 && bytes[start] == UInt8(ascii: "0")) else { throw Declined() }
        if let next = peek(), next == UInt8(ascii: ".") || next | 0x20 == UInt8(ascii: "e") { throw Declined() }
        return value
    }
}
