import Formats
import Time
import Testing

/// `--since` and `--until` as `reclaimd events` reads them.
@Suite("TimeText")
struct TimeTextTests {
    @Test("reads the three forms")
    func forms() throws {
        #expect(try TimeText.read("2026-11-22T16:14:30Z") == .absolute(Timestamp(seconds: 1_795_364_070)))
        #expect(try TimeText.read("1795364605.5") == .absolute(Timestamp(nanoseconds: 1_795_364_605_500_000_000)))
        #expect(try TimeText.read("90s") == .ago(.seconds(90)))
        #expect(try TimeText.read("1h30m") == .ago(.seconds(5400)))
        #expect(try TimeText.read("-5") == .absolute(Timestamp(seconds: -5)))
    }

    @Test("digits alone are Unix seconds, never a duration")
    func digitsAreSeconds() {
        #expect(throws: TextParseFailure.outOfRange(accepted: Timestamp.rangeDescription)) {
            try TimeText.read("99999999999")
        }
    }

    @Test(
        "out of range names the range of the form it was written in",
        arguments: [
            ("99999999999", Timestamp.rangeDescription),
            ("2262-04-12T00:00:00Z", Timestamp.rangeDescription),
            ("9999-12-31T23:59:59Z", Timestamp.rangeDescription),
            ("99999999999h", DurationText.rangeDescription),
        ])
    func outOfRange(text: String, accepted: String) {
        #expect(throws: TextParseFailure.outOfRange(accepted: accepted)) { try TimeText.read(text) }
    }

    @Test("anything else is malformed", arguments: ["", "yesterday", "2026-11-22", "1.", "5d", "now"])
    func malformed(text: String) {
        #expect(throws: TextParseFailure.malformed) { try TimeText.read(text) }
    }

    @Test("a duration ago counts back from now, even the longest")
    func resolve() throws {
        let now = Timestamp(seconds: 1_795_364_070)
        #expect(try TimeText.read("10s").resolve(now: now) == Timestamp(seconds: 1_795_364_060))
        let longest = try TimeText.read("2562047h47m16.854775807s").resolve(now: now)
        #expect(longest.nanoseconds == now.nanoseconds - Int64.max)
        #expect(try TimeText.read("2026-11-22T16:14:30Z").resolve(now: now) == now)
    }
}
