import Formats
import Time
import Testing

/// Issue 11, hole 1: values in an accepted form but beyond `Int64` nanoseconds (times, durations) or `UInt64`
/// bytes (sizes) are refused as out of range, naming the range; they used to trap (SIGILL) or be called malformed.
@Suite("Out of range values")
struct OutOfRangeTests {
    private let timeRange = TextParseFailure.outOfRange(accepted: Timestamp.rangeDescription)
    private let durationRange = TextParseFailure.outOfRange(accepted: DurationText.rangeDescription)
    private let sizeRange = TextParseFailure.outOfRange(accepted: ByteSizeText.rangeDescription)

    @Test("the time range is stated exactly, in both forms")
    func timeRangeText() {
        #expect(
            Timestamp.rangeDescription
                == "from 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z (Unix seconds -9223372036.854775808 to 9223372036.854775807)"
        )
    }

    @Test(
        "RFC 3339 beyond Int64 nanoseconds is out of range, not a trap",
        arguments: [
            "2262-04-12T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "1677-09-21T00:12:43Z",
            "2262-04-11T23:47:16.854775808Z", "1677-09-21T00:12:43.145224191Z", "2262-04-11T23:47:60Z",
            "2262-04-11T23:47:17+00:00", "1677-09-21T00:12:43.145224191-00:00",
        ])
    func rfc3339OutOfRange(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
        #expect(throws: timeRange) { try Timestamp.read(rfc3339: text) }
    }

    @Test("RFC 3339 accepts the range's ends exactly, whatever the offset")
    func rfc3339Ends() {
        #expect(Timestamp(rfc3339: "1677-09-21T00:12:43.145224192Z") == .earliest)
        #expect(Timestamp(rfc3339: "2262-04-11T23:47:16.854775807Z") == .latest)
        #expect(Timestamp(rfc3339: "2262-04-12T00:47:16.854775807+01:00") == .latest)
        #expect(Timestamp(rfc3339: "1677-09-20T23:12:43.145224192-01:00") == .earliest)
        #expect(throws: TextParseFailure.malformed) { try Timestamp.read(rfc3339: "2262-04-12") }
    }

    @Test(
        "Unix seconds beyond Int64 nanoseconds are out of range, however many digits",
        arguments: [
            "99999999999", "9223372036.854775808", "-9223372036.854775809", "1795364605000", "-99999999999.5",
            "99999999999999999999999999999999999999999999", "18446744073709551616",
        ])
    func unixSecondsOutOfRange(text: String) {
        #expect(Timestamp(unixSeconds: text) == nil)
        #expect(throws: timeRange) { try Timestamp.read(unixSeconds: text) }
    }

    @Test("Unix seconds accept the range's ends exactly, and leading zeros")
    func unixSecondsEnds() {
        #expect(Timestamp(unixSeconds: "9223372036.854775807") == .latest)
        #expect(Timestamp(unixSeconds: "-9223372036.854775808") == .earliest)
        #expect(
            Timestamp(unixSeconds: "0000000000000000000000000000001795364605")?.nanoseconds == 1_795_364_605_000_000_000
        )
        #expect(throws: TextParseFailure.malformed) { try Timestamp.read(unixSeconds: "1e99") }
    }

    @Test("the earliest and latest times format and read back (the earliest's fraction used to trap)")
    func endsFormat() {
        #expect(Timestamp.earliest.rfc3339 == "1677-09-21T00:12:43.145224192Z")
        #expect(Timestamp.latest.rfc3339 == "2262-04-11T23:47:16.854775807Z")
        #expect(Timestamp.earliest.nanosecondOfSecond == 145_224_192)
        #expect(Timestamp.earliest.engineQueryValue == "-9223372037.145224192")
        for time in [Timestamp.earliest, .latest, Timestamp(nanoseconds: -1), Timestamp(nanoseconds: 0)] {
            #expect(Timestamp(rfc3339: time.rfc3339) == time)
            #expect(Timestamp(unixSeconds: time.unixSecondsText) == time)
        }
        #expect(Timestamp(nanoseconds: -1).unixSecondsText == "-0.000000001")
    }

    @Test("the span between the earliest and latest times is exact, not wrapped")
    func durationSince() {
        #expect(Timestamp.latest.duration(since: .earliest) == .nanoseconds(UInt64.max))
        #expect(Timestamp.earliest.duration(since: .latest) == .zero - .nanoseconds(UInt64.max))
    }

    @Test("an event time of Timestamp(seconds:) far out saturates and still formats")
    func saturatedSeconds() {
        #expect(Timestamp(seconds: -99_999_999_999) == .earliest)
        #expect(Timestamp(seconds: -99_999_999_999).rfc3339 == "1677-09-21T00:12:43.145224192Z")
    }

    @Test(
        "durations over Int64 nanoseconds are out of range, in every form",
        arguments: [
            "99999999999999999999h", "2562048h", "2562047h47m16.854775808s", "9223372037", "9223372037s",
            "9223372036854775808ms", "99999999999999999999999", "1h2562047h",
        ])
    func durationOutOfRange(text: String) {
        #expect(DurationText.parse(text) == nil)
        #expect(throws: durationRange) { try DurationText.read(text) }
    }

    @Test("durations up to Int64 nanoseconds are read exactly (10000000000ms used to overflow on the way)")
    func durationEnds() {
        #expect(DurationText.parse("2562047h47m16.854775807s") == DurationText.maximum)
        #expect(DurationText.parse("9223372036") == .seconds(9_223_372_036))
        #expect(DurationText.parse("10000000000ms") == .seconds(10_000_000))
        #expect(DurationText.parse("9223372036854.775807ms") == DurationText.maximum)
        #expect(DurationText.parse("0.000000001s") == .nanoseconds(1))
        #expect(DurationText.parse("0.0000000019s") == .nanoseconds(1), "rounded down")
        #expect(throws: TextParseFailure.malformed) { try DurationText.read("99999999999999999999d") }
    }

    @Test(
        "sizes over UInt64 bytes are out of range, in every form",
        arguments: [
            "18446744073709551616", "18446744073709551616B", "20000000TB", "16777216TiB", "99999999999999999999999 GB",
        ])
    func sizeOutOfRange(text: String) {
        #expect(ByteSizeText.parse(text) == nil)
        #expect(throws: sizeRange) { try ByteSizeText.read(text) }
    }

    @Test("sizes up to UInt64 bytes are read exactly, with units (10000000000B used to be refused)")
    func sizeEnds() {
        #expect(ByteSizeText.parse("18446744073709551615B") == UInt64.max)
        #expect(ByteSizeText.parse("10000000000B") == 10_000_000_000)
        #expect(ByteSizeText.parse("10000000000 kB") == 10_000_000_000_000)
        #expect(ByteSizeText.parse("16777215TiB") == UInt64.max - (1 << 40) + 1)
        #expect(ByteSizeText.parse("0.0000000001TiB") == 109, "exact past nine fraction digits")
        #expect(throws: TextParseFailure.malformed) { try ByteSizeText.read("99999999999999999999999 PB") }
    }
}
