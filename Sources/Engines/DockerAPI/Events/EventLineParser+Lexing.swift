import EngineAdapter
import Glibc

/// The JSON lexing `EventLineParser` needs: strict RFC 8259, declining whatever it does not take.
extension EventLineParser {
    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` or declines.
    mutating func expect(_ byte: UInt8) throws(Declined) {
        guard peek() == byte else { throw Declined() }
        index += 1
    }

    /// Consumes `null` if it is next.
    mutating func consumeNull() throws(Declined) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try skipLiteral("null")
        return true
    }

    /// An object, handing each member's key to `member`, which must consume the value.
    mutating func parseObject(
        _ member: (inout EventLineParser, RawString) throws(Declined) -> Void
    ) throws(Declined) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw Declined() }
            let key = try scanString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            guard let next = peek() else { throw Declined() }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Declined() }
        }
    }

    /// A string starting at the opening quote; checks its escapes and leaves the index after the closing quote.
    mutating func scanString() throws(Declined) -> RawString {
        index += 1
        let start = index
        // The common case: no escape, no control character, no byte above 0x7F before the closing quote.
        if let base = bytes.baseAddress,
            let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start)
        {
            let end = UnsafeRawPointer(quote) - base
            if Self.isPlain(base + start, count: end - start) {
                index = end + 1
                return RawString(start: start, count: end - start, escaped: false)
            }
        }
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return RawString(start: start, count: index - 1 - start, escaped: escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try skipEscape()
                continue
            }
            guard byte >= 0x20 else { throw Declined() }
            if byte >= 0x80 { sawNonASCII = true }
            index += 1
        }
        throw Declined()
    }

    /// Whether `count` bytes hold no backslash, no control character and nothing above 0x7F: eight at a time.
    private static func isPlain(_ start: UnsafeRawPointer, count: Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        var found: UInt64 = 0
        while offset + 8 <= count {
            let word = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let backslashes = word ^ (ones &* 0x5C)
            found |= word | ((word &- ones &* 0x20) & ~word) | ((backslashes &- ones) & ~backslashes)
            offset += 8
        }
        guard found & highs == 0 else { return false }
        while offset < count {
            let byte = start.load(fromByteOffset: offset, as: UInt8.self)
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return false }
            offset += 1
        }
        return true
    }

    /// One escape after its backslash. Surrogates (`\uD800`-`\uDFFF`) are left to `JSONDecoder`.
    private mutating func skipEscape() throws(Declined) {
        index += 1
        guard let kind = peek() else { throw Declined() }
        index += 1
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return
        case UInt8(ascii: "u"):
            let scalar = try hexScalar(at: index)
            guard !(0xD800...0xDFFF).contains(scalar) else { throw Declined() }
            index += 4
        default:
            throw Declined()
        }
    }

    /// The four hex digits at `position`.
    func hexScalar(at position: Int) throws(Declined) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Declined() }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw Declined()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The text of a string token, escapes decoded (they were checked when it was scanned).
    func string(_ raw: RawString) -> String {
        let text = UnsafeRawBufferPointer(rebasing: bytes[raw.start..<raw.start + raw.count])
        guard raw.escaped else { return String(decoding: text, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var position = raw.start
        let end = raw.start + raw.count
        while position < end {
            let byte = bytes[position]
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            let kind = bytes[position]
            position += 1
            switch kind {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = Unicode.Scalar((try? hexScalar(at: position)) ?? 0xFFFD) ?? "\u{FFFD}"
                if let encoded = UTF8.encode(scalar) { out.append(contentsOf: encoded) }
                position += 4
            default: out.append(kind)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether an unescaped token is exactly `literal`.
    func equals(_ raw: RawString, _ literal: StaticString) -> Bool {
        guard !raw.escaped, raw.count == literal.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
        return memcmp(base + raw.start, literal.utf8Start, raw.count) == 0
    }
}
