import Formats
/// Durations as people write them in options and configuration.
public enum DurationText {
    /// The forms `parse` accepts, for error messages.
    public static let acceptedForms =
        "an integer of seconds, or numbers with units ms, s, m, h (e.g. \"500ms\", \"10s\", \"5m\", \"1h30m\")"

    /// The longest duration read: `Int64.max` nanoseconds, what a `Timestamp` can be moved by and what every
    /// clock and sleep downstream takes without trapping (`Task.sleep` traps on `.seconds(Int64.max)`).
    public static let maximum = Duration.nanoseconds(Int64.max)

    /// The range, exactly, for messages refusing a duration.
    public static let rangeDescription = "at most 2562047h47m16.854775807s (2^63-1 nanoseconds, about 292 years)"

    private static let nanosecondsPerUnit: [String: UInt64] = [
        "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// Parses `500ms`, `10s`, `5m`, `2h`, `1h30m`, `1.5s`, or an integer of seconds.
    ///
    /// Returns nil for anything else, including negative values, unknown units, empty text, and durations over
    /// `maximum`.
    public static func parse(_ text: String) -> Duration? {
        try? read(text)
    }

    /// Parses like `parse`, saying whether a refused text was malformed or out of range. Fractions are exact to
    /// the nanosecond (rounded down).
    public static func read(_ text: String) throws(TextParseFailure) -> Duration {
        var scanner = DigitScanner(text)
        var total: UInt64? = 0
        if DecimalText.isDigits(text), let seconds = scanner.decimal() {
            total = seconds.scaled(by: 1_000_000_000)
        } else {
            guard !scanner.isAtEnd else { throw .malformed }
            while !scanner.isAtEnd {
                guard let number = scanner.decimal(), let unit = nanosecondsPerUnit[scanner.letters()] else {
                    throw .malformed
                }
                // Once over (nil), stay over: the rest must still be well-formed for the text to be "out of range".
                if let sum = total, let part = number.scaled(by: unit) {
                    let (next, overflow) = sum.addingReportingOverflow(part)
                    total = overflow ? nil : next
                } else {
                    total = nil
                }
            }
        }
        guard let total, let nanoseconds = Int64(exactly: total) else { throw .outOfRange(accepted: rangeDescription) }
        return .nanoseconds(nanoseconds)
    }

    /// A short human form, to the millisecond: `1h30m`, `10s`, `1s500ms`, `0s`; under a millisecond, `250ns`.
    public static func format(_ duration: Duration) -> String {
        var nanos = duration.totalNanoseconds
        if nanos == 0 { return "0s" }
        if nanos.magnitude >= 1_000_000 { nanos = nanos / 1_000_000 * 1_000_000 }
        var text = nanos < 0 ? "-" : ""
        nanos = nanos.magnitude > Int64.max.magnitude ? Int64.max : abs(nanos)
        let units: [(String, Int64)] = [
            ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
        ]
        for (name, size) in units where nanos >= size {
            text += "\(nanos / size)\(name)"
            nanos %= size
        }
        if nanos > 0 { text += "\(nanos)ns" }
        return text
    }

    /// The exact form, which `parse` reads back to the same duration: `1h30m`, `10s`, `1s500ms`, `0s`, and under
    /// a millisecond as a fraction of one, `1.000001ms`. For configuration written back (`reclaimd check`), where
    /// `format`'s rounding would change the value. Negative durations (never configured) get a `-` parse refuses.
    public static func exact(_ duration: Duration) -> String {
        let nanos = duration.totalNanoseconds
        if nanos == 0 { return "0s" }
        var rest = nanos.magnitude
        var text = nanos < 0 ? "-" : ""
        for (name, size) in [("h", UInt64(3_600_000_000_000)), ("m", 60_000_000_000), ("s", 1_000_000_000)]
        where rest >= size {
            text += "\(rest / size)\(name)"
            rest %= size
        }
        guard rest > 0 else { return text }
        let subMillisecond = rest % 1_000_000
        text += "\(rest / 1_000_000)"
        if subMillisecond > 0 {
            var digits = padded(Int64(subMillisecond), width: 6)
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text + "ms"
    }
}
