@testable import Journal
import JournalFormat
import Testing

/// The byte-built stderr escaping against the `String`-built one it replaced, kept here as the reference.
@Suite("stderr escaping as bytes")
struct StderrEscapingTests {
    private static func reference(_ text: [UInt8], quoteSpaces: Bool) -> String {
        var out = ""
        var needsQuotes = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\t"): out += "\\t"
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: " "):
                out += " "
                needsQuotes = true
            case 0..<0x20, 0x7F: out += hex(byte)
            case 0x20..<0x80: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = index + length
                if length > 1, end <= text.count, let scalar = String(validating: text[index..<end], as: UTF8.self) {
                    out += scalar
                    index = end
                    continue
                }
                out += hex(byte)
            }
            index += 1
        }
        return needsQuotes && quoteSpaces ? "\"\(out)\"" : out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return "\\x" + (digits.count == 1 ? "0" + digits : digits)
    }

    @Test("equal to the reference on short and long values of every kind of byte")
    func randomValues() {
        var state: UInt64 = 13
        let interesting: [UInt8] = [
            0x00, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x41, 0x5C, 0x7E, 0x7F, 0x80, 0xC3, 0xBC, 0xE4, 0xB8, 0xAD, 0xF0, 0xFF,
        ]
        for round in 0..<3000 {
            var value: [UInt8] = []
            for _ in 0..<(round % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let pick = Int(state >> 33)
                value.append(pick % 3 == 0 ? interesting[pick % interesting.count] : UInt8(0x21 + pick % 90))
            }
            for quoteSpaces in [false, true] {
                #expect(
                    StderrEntryFormat.escaped(value, quoteSpaces: quoteSpaces)
                        == Self.reference(value, quoteSpaces: quoteSpaces))
            }
        }
    }
}
