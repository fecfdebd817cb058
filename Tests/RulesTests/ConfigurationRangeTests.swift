import Formats
import Time
import Rules
import Testing

/// Sizes and durations too large for reclaimd's types are errors at their FILE:LINE:COLUMN that state the range
/// (issue 11); an integer duration used to be taken as is, beyond what a sleep can take without trapping.
@Suite("Configuration ranges")
struct ConfigurationRangeTests {
    private let parser = ConfigurationParser(
        file: "r.toml", vocabulary: EventVocabulary(resources: ["container", "image", "volume", "network", "builder"]))

    private func errors(_ source: String) -> [String] {
        parser.errors(source)
    }

    @Test("out of range sizes and durations, as strings and as integers, name the range")
    func outOfRange() {
        let found = errors(
            """
            [[rule]]
            name = "a"
            hook = ["/bin/true"]
            threshold = "99999999999999999999"
            quiet = "99999999999h"
            max_delay = 99999999999999
            cooldown = 9223372037
            timeout = 9223372036854775807
            """)
        let sizes = "accepted \(ByteSizeText.rangeDescription)"
        let durations = "accepted \(DurationText.rangeDescription)"
        #expect(
            found == [
                "r.toml:4:13: threshold \"99999999999999999999\" is out of range: \(sizes)",
                "r.toml:5:9: quiet \"99999999999h\" is out of range: \(durations)",
                "r.toml:6:13: max_delay 99999999999999 is out of range: \(durations)",
                "r.toml:7:12: cooldown 9223372037 is out of range: \(durations)",
                "r.toml:8:11: timeout 9223372036854775807 is out of range: \(durations)",
            ])
        #expect(
            DurationText.rangeDescription == "at most 2562047h47m16.854775807s (2^63-1 nanoseconds, about 292 years)")
        #expect(ByteSizeText.rangeDescription == "at most 18446744073709551615 bytes (2^64-1)")
    }

    @Test("the largest values are accepted")
    func largest() throws {
        let configuration = try parser.parse(
            """
            [[rule]]
            name = "a"
            hook = ["/bin/true"]
            threshold = "18446744073709551615B"
            quiet = 9223372036
            timeout = "2562047h47m16.854775807s"
            cooldown = "10000000000ms"
            """)
        let rule = try #require(configuration.rules.first)
        #expect(rule.threshold == UInt64.max)
        #expect(rule.quiet == .seconds(9_223_372_036))
        #expect(rule.timeout == DurationText.maximum)
        #expect(rule.cooldown == .seconds(10_000_000))
    }

    @Test("a TOML integer beyond 64 bits is a syntax error that says so")
    func tomlIntegerRange() {
        #expect(
            errors("[[rule]]\nname = \"a\"\nhook = [\"/bin/true\"]\nthreshold = 99999999999999999999\n") == [
                "r.toml:4:13: TOML syntax: integer 99999999999999999999 is out of range: TOML integers are 64-bit, -9223372036854775808 to 9223372036854775807"
            ])
    }

    @Test("the effective rule `check` prints reads back to the same rule, sub-millisecond durations included")
    func effectiveRuleRoundTrip() throws {
        let configuration = try parser.parse(
            """
            [[rule]]
            name = "a"
            hook = ["/bin/true", "quote \\" and \\u007f"]
            quiet = "0.0001s"
            max_delay = "1.5ms"
            env = { K = "v" }
            """)
        let rule = try #require(configuration.rules.first)
        let again = try parser.parse(EffectiveRule.toml(rule))
        #expect(again.rules == [rule])
    }
}
