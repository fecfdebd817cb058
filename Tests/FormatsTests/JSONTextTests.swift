import Formats
import Time
import Testing

@Suite("JSONText")
struct JSONTextTests {
    @Test("escapes quotes, backslashes and control characters, keeps other text")
    func quotes() {
        #expect(JSONText.quoted("a\"b\\c\nd\te\u{1}f\u{7F}") == #""a\"b\\c\nd\te\u0001f\u007f""#)
        #expect(JSONText.quoted("$(reboot); rm -rf / ü") == #""$(reboot); rm -rf / ü""#)
    }

    @Test("writes members in the order given, nulls for nil, sorted string maps")
    func writesObjects() {
        var writer = JSONObjectWriter()
        writer.add("b", "x")
        writer.add("a", 5)
        writer.add("n", Optional<UInt64>.none)
        writer.add("m", ["z": "1", "a": "2"])
        #expect(writer.finish() == #"{"b":"x","a":5,"n":null,"m":{"a":"2","z":"1"}}"#)
    }
}
