/// Sizes as people write them in configuration: `1GiB`, `1.5 GB`, `500kB`, `1024`.
public enum ByteSizeText {
    /// The forms `parse` accepts, for error messages.
    public static let acceptedForms =
        "an integer of bytes, or a number with a unit B, kB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. \"1GiB\", \"1.5 GB\""

    /// The range, exactly, for messages refusing a size.
    public static let rangeDescription = "at most 18446744073709551615 bytes (2^64-1)"

    private static let units: [String: UInt64] = [
        "b": 1, "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000, "tb": 1_000_000_000_000,
        "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
    ]

    /// Parses a size; nil for anything else, a negative value, or more than `UInt64.max` bytes.
    /// Units are case-insensitive and may follow one space. Fractions are exact to the byte (rounded down).
    public static func parse(_ text: String) -> UInt64? {
        try? read(text)
    }

    /// Parses like `parse`, saying whether a refused text was malformed or out of range.
    public static func read(_ text: String) throws(TextParseFailure) -> UInt64 {
        var scanner = DigitScanner(text)
        guard let number = scanner.decimal() else { throw .malformed }
        var unit: UInt64 = 1
        if !scanner.isAtEnd || number.hasFraction {  // a fraction needs a unit
            _ = scanner.take(" ")
            guard let known = units[scanner.letters().lowercased()], scanner.isAtEnd else { throw .malformed }
            unit = known
        }
        guard let bytes = number.scaled(by: unit) else { throw .outOfRange(accepted: rangeDescription) }
        return bytes
    }
}
