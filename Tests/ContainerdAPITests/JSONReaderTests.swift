@testable import ContainerdAPI
import Testing

@Suite("the manifest reader's JSON")
struct JSONReaderTests {
    @Test("values, members in order, numbers as text, escapes and surrogate pairs")
    func values() throws {
        let text = #" {"b":[1,-2.5e3,true,false,null],"a":"x\"\\\/\n\u00e9\ud83d\ude00","c":{}} "#
        let value = try JSONReader.read(Array(text.utf8))
        #expect(
            value
                == .object([
                    ("b", .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])),
                    ("a", .string("x\"\\/\né😀")),
                    ("c", .object([])),
                ]))
        #expect(value["b"]?.array?.first?.integer == 1)
        #expect(value["b"]?.array?[1].integer == nil, "not a whole number")
    }

    @Test(
        "malformed documents fail with the offset",
        arguments: [
            ("", 0), ("{", 1), (#"{"a" 1}"#, 5), ("[1,]", 3), ("[1 2]", 3), (#""abc"#, 4), ("tru", 0), ("+1", 0),
            ("{} x", 3), (#""\q""#, 3), ("\"a\u{1}\"", 3),
        ])
    func malformed(text: String, offset: Int) {
        do {
            let value = try JSONReader.read(Array(text.utf8))
            Issue.record("\(text) read as \(value)")
        } catch {
            #expect(error.offset == offset, "\(error)")
        }
    }

    @Test("nesting is bounded")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(Array(deep.utf8)) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONReader.read(Array(allowed.utf8)) }
    }
}
