import Formats
import Time
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test(
        "formats RFC 3339 in UTC with nine fraction digits",
        arguments: [
            (Int64(1_795_364_605_762_178_784), "2026-11-22T16:23:25.762178784Z"),
            (0, "1970-01-01T00:00:00.000000000Z"),
            (951_782_400_000_000_001, "2000-02-29T00:00:00.000000001Z"),
            (-1, "1969-12-31T23:59:59.999999999Z"),
            (4_102_444_799_999_999_999, "2099-12-31T23:59:59.999999999Z"),
        ])
    func formatsRFC3339(nanoseconds: Int64, expected: String) {
        #expect(Timestamp(nanoseconds: nanoseconds).rfc3339 == expected)
    }

    @Test("parses what it formats, for times across four centuries")
    func roundTrips() {
        var value: Int64 = -2_208_988_800_000_000_000  // 1900
        while value < 7_258_118_400_000_000_000 {  // 2200
            let time = Timestamp(nanoseconds: value)
            #expect(Timestamp(rfc3339: time.rfc3339) == time)
            value += 86_399_123_456_789 * 37
        }
    }

    @Test("reads offsets, fractions of any length and lowercase separators")
    func parsesVariants() {
        #expect(Timestamp(rfc3339: "2026-11-22T17:14:30+01:00") == Timestamp(seconds: 1_795_364_070))
        #expect(Timestamp(rfc3339: "2026-11-22t16:14:30z") == Timestamp(seconds: 1_795_364_070))
        #expect(Timestamp(rfc3339: "2026-11-22T16:14:30.5Z")?.nanoseconds == 1_795_364_070_500_000_000)
        #expect(Timestamp(rfc3339: "2026-11-22T16:14:30.1234567891234Z")?.nanoseconds == 1_795_364_070_123_456_789)
        #expect(Timestamp(rfc3339: "2024-02-29T23:59:59Z") == Timestamp(seconds: 1_709_251_199))
    }

    @Test(
        "rejects what is not RFC 3339 or not a date",
        arguments: [
            "", "2026-11-22", "2026-11-22T16:14:30", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T16:14:30.Z", "2026-11-22T16:14:30+0100",
            "2026-11-22T16:14:30Zjunk", "26-11-22T16:14:30Z",
        ])
    func rejectsInvalid(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("parses Unix seconds with an optional fraction")
    func parsesUnixSeconds() {
        #expect(Timestamp(unixSeconds: "1795364605")?.nanoseconds == 1_795_364_605_000_000_000)
        #expect(Timestamp(unixSeconds: "1795364605.7105")?.nanoseconds == 1_795_364_605_710_500_000)
        #expect(Timestamp(unixSeconds: "0.000000001")?.nanoseconds == 1)
        for bad in ["", "1.", ".5", "12a", "1e9", "1795364605.5.5", " 1"] {
            #expect(Timestamp(unixSeconds: bad) == nil, "\(bad)")
        }
    }

    @Test("writes the engine's seconds.nanoseconds query form")
    func engineQueryValue() {
        #expect(Timestamp(nanoseconds: 1_795_364_605_000_000_042).engineQueryValue == "1795364605.000000042")
    }
}
