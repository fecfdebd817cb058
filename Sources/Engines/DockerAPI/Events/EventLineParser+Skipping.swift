import EngineAdapter
/// Skipping the values of fields reclaimd does not read, checking that they are valid JSON.
extension EventLineParser {
    /// Any JSON value at nesting `depth`.
    mutating func skipValue(depth: Int) throws(Declined) {
        guard depth <= Self.depthLimit, let first = peek() else { throw Declined() }
        switch first {
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "{"):
            try parseObject { parser, _ throws(Declined) in try parser.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try skipArray(depth: depth)
        case UInt8(ascii: "t"):
            try skipLiteral("true")
        case UInt8(ascii: "f"):
            try skipLiteral("false")
        case UInt8(ascii: "n"):
            try skipLiteral("null")
        case UInt8(ascii: "-"), 0x30...0x39:
            try skipNumber()
        default:
            throw Declined()
        }
    }

    private mutating func skipArray(depth: Int) throws(Declined) {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try skipValue(depth: depth + 1)
            skipWhitespace()
            guard let next = peek() else { throw Declined() }
            index += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw Declined() }
        }
    }

    mutating func skipLiteral(_ literal: StaticString) throws(Declined) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Declined() }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw Declined()
        }
        index += count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func skipNumber() throws(Declined) {
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else {
            guard try skipDigits() > 0 else { throw Declined() }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard try skipDigits() > 0 else { throw Declined() }
        }
        if let next = peek(), next | 0x20 == UInt8(ascii: "e") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard try skipDigits() > 0 else { throw Declined() }
        }
    }

    private mutating func skipDigits() throws(Declined) -> Int {
        let start = index
        while let byte = peek(), byte >= 0x30, byte <= 0x39 { index += 1 }
        return index - start
    }
}
