import Formats
import Time
import Testing
import TestSupport

/// The byte-built JSON text against the `String`-built text it replaced, kept here as the reference.
@Suite("JSON text as bytes")
struct JSONBytesTests {
    /// The scalar-by-scalar quoting `JSONText.quoted` did before it wrote bytes.
    private static func referenceQuoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test("quoting equals the reference on every ASCII character and on random text")
    func quoting() {
        for value in 0..<0x80 {
            let text = "a" + String(Unicode.Scalar(UInt8(value))) + "b"
            #expect(JSONText.quoted(text) == Self.referenceQuoted(text))
        }
        let pieces = ["", "x", "\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", "é", "中", "😀", " ", "\r\n", "/"]
        var random = SplitMix(seed: 7)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in
                pieces.randomElement(using: &random) ?? ""
            }.joined()
            #expect(Array(JSONText.quoted(text).utf8) == Array(Self.referenceQuoted(text).utf8))
        }
    }

    @Test("decimal digits: signs, zero, extremes, padding")
    func digits() {
        for value: Int64 in [0, 1, -1, 9, 10, 1_795_364_605_762_178_784, .max, .min] {
            var out: [UInt8] = []
            JSONText.appendDecimal(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
        var unsigned: [UInt8] = []
        JSONText.appendDecimal(UInt64.max, to: &unsigned)
        #expect(String(decoding: unsigned, as: UTF8.self) == String(UInt64.max))
        var padded: [UInt8] = []
        JSONText.appendDigits(42, minimumWidth: 9, to: &padded)
        #expect(String(decoding: padded, as: UTF8.self) == "000000042")
    }

    @Test("RFC 3339 as bytes at the epoch, before it, on a leap day and at the range's end")
    func rfc3339() {
        let cases: [(Int64, String)] = [
            (0, "1970-01-01T00:00:00.000000000Z"),
            (1_795_364_605_762_178_784, "2026-11-22T16:23:25.762178784Z"),
            (951_782_400_000_000_001, "2000-02-29T00:00:00.000000001Z"),
            (-1, "1969-12-31T23:59:59.999999999Z"),
            (.max, "2262-04-11T23:47:16.854775807Z"),
        ]
        for (nanos, text) in cases {
            #expect(Timestamp(nanoseconds: nanos).rfc3339 == text)
        }
    }
}
