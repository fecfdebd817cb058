/// Sizes as people write them in configuration: `1GiB`, `1.5 GB`, `500kB`, `1024`.
public enum ByteSizeText {
    /// The forms `parse` accepts, for error messages.
    public static let acceptedForms = "an integer of bytes, or a number with a unit B, kB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. \"1GiB\", \"1.5 GB\""

    private static let units: [String: UInt64] = [
        "b": 1, "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000, "tb": 1_000_000_000_000,
        "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
    ]

    /// Parses a size; nil for anything else, a negative value, or more than `UInt64.max` bytes.
    /// Units are case-insensitive and may follow one space. Fractions are exact to the byte (rounded down).
    public static func parse(_ text: String) -> UInt64? {
        if DecimalText.isDigits(text) {
            return DecimalText.unsigned(text)  // bare bytes, up to UInt64.max; nil above it
        }
        var scanner = DigitScanner(text)
        guard let (scaled, overflow) = scanner.decimalScaledByBillion(), !overflow else { return nil }
        _ = scanner.take(" ")
        let unitText = scanner.letters().lowercased()
        guard scanner.isAtEnd else { return nil }
        let unit: UInt64
        guard let known = units[unitText] else { return nil }  // a fraction needs a unit
        unit = known
        // value × unit = scaled × unit / 10^9, computed without overflow in 128-bit-free steps.
        let whole = UInt64(scaled / 1_000_000_000)
        let fraction = UInt64(scaled % 1_000_000_000)
        let (wholeBytes, overflow1) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow1 else { return nil }
        let fractionBytes = fraction.multipliedFullWidth(by: unit)
        let (quotient, _) = UInt64(1_000_000_000).dividingFullWidth(fractionBytes)
        let (total, overflow2) = wholeBytes.addingReportingOverflow(quotient)
        return overflow2 ? nil : total
    }
}
