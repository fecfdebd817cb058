/// Durations as people write them in options and configuration.
public enum DurationText {
    /// The forms `parse` accepts, for error messages.
    public static let acceptedForms = "an integer of seconds, or numbers with units ms, s, m, h (e.g. \"500ms\", \"10s\", \"5m\", \"1h30m\")"

    /// Parses `500ms`, `10s`, `5m`, `2h`, `1h30m`, `1.5s`, or an integer of seconds.
    ///
    /// Returns nil for anything else, including negative values, unknown units and empty text.
    public static func parse(_ text: String) -> Duration? {
        var scanner = DigitScanner(text)
        if let seconds = DecimalText.unsigned(text).flatMap(Int64.init(exactly:)) {
            return .seconds(seconds)
        }
        var total: Int64 = 0
        var parts = 0
        while !scanner.isAtEnd {
            guard let (scaled, overflow) = scanner.decimalScaledByBillion(), !overflow else { return nil }
            let unit = scanner.letters()
            let nanosPerUnit: Int64
            switch unit {
            case "ms": nanosPerUnit = 1_000_000
            case "s": nanosPerUnit = 1_000_000_000
            case "m": nanosPerUnit = 60_000_000_000
            case "h": nanosPerUnit = 3_600_000_000_000
            default: return nil
            }
            // scaled is value × 10^9; value × nanosPerUnit = scaled × (nanosPerUnit / 10^9).
            let nanos: (partialValue: Int64, overflow: Bool)
            if nanosPerUnit >= 1_000_000_000 {
                nanos = scaled.multipliedReportingOverflow(by: nanosPerUnit / 1_000_000_000)
            } else {
                nanos = (scaled / (1_000_000_000 / nanosPerUnit), false)
            }
            guard !nanos.overflow else { return nil }
            let sum = total.addingReportingOverflow(nanos.partialValue)
            guard !sum.overflow else { return nil }
            total = sum.partialValue
            parts += 1
        }
        return parts > 0 ? .nanoseconds(total) : nil
    }

    /// A short human form, to the millisecond: `1h30m`, `10s`, `1s500ms`, `0s`; under a millisecond, `250ns`.
    public static func format(_ duration: Duration) -> String {
        var nanos = duration.totalNanoseconds
        if nanos == 0 { return "0s" }
        if nanos.magnitude >= 1_000_000 { nanos = nanos / 1_000_000 * 1_000_000 }
        var text = nanos < 0 ? "-" : ""
        nanos = nanos.magnitude > Int64.max.magnitude ? Int64.max : abs(nanos)
        let units: [(String, Int64)] = [("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000)]
        for (name, size) in units where nanos >= size {
            text += "\(nanos / size)\(name)"
            nanos %= size
        }
        if nanos > 0 { text += "\(nanos)ns" }
        return text
    }
}
