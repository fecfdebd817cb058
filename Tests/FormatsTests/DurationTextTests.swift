import Formats
import Time
import Testing

@Suite("DurationText")
struct DurationTextTests {
    @Test(
        "parses units, combinations, fractions and bare seconds",
        arguments: [
            ("500ms", Duration.milliseconds(500)),
            ("10s", .seconds(10)),
            ("5m", .seconds(300)),
            ("2h", .seconds(7200)),
            ("1h30m", .seconds(5400)),
            ("1.5s", .milliseconds(1500)),
            ("90", .seconds(90)),
            ("0", .zero),
            ("0s", .zero),
        ])
    func parses(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(
        "rejects anything else",
        arguments: [
            "", "s", "-5s", "10 s", "5d", "1h30", "ten", "1.s", "99999999999999999999h", "1.5", "1.5.5s", "s5", "1hm",
        ])
    func rejects(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("formats to the millisecond")
    func formats() {
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.milliseconds(1500)) == "1s500ms")
        #expect(DurationText.format(.nanoseconds(93_245_591)) == "93ms")
        #expect(DurationText.format(.zero) == "0s")
        #expect(DurationText.format(.nanoseconds(250)) == "250ns")
    }
}

@Suite("DurationText.exact")
struct DurationTextExactTests {
    @Test(
        "writes every duration so that parse reads it back exactly",
        arguments: [
            (Duration.seconds(5400), "1h30m"), (.milliseconds(1500), "1s500ms"), (.zero, "0s"),
            (.nanoseconds(250), "0.00025ms"), (.nanoseconds(1_500_001), "1.500001ms"), (.seconds(3601), "1h1s"),
            (DurationText.maximum, "2562047h47m16s854.775807ms"),
        ])
    func exact(duration: Duration, text: String) {
        #expect(DurationText.exact(duration) == text)
        #expect(DurationText.parse(text) == duration)
    }
}
