/// An independent reading of decimal numbers with units, in 128-bit arithmetic, for the oracles of the size and
/// duration parsers (which scale digit by digit in 64 bits).
enum DecimalOracle {
    /// A number `W` or `W.F` at the start of `text`: its digits, and what follows.
    static func number(_ text: Substring) -> (whole: Substring, fraction: Substring?, rest: Substring)? {
        let whole = text.prefix { $0.isASCII && $0.isNumber }
        guard !whole.isEmpty else { return nil }
        var rest = text[whole.endIndex...]
        guard rest.first == "." else { return (whole, nil, rest) }
        rest = rest.dropFirst()
        let fraction = rest.prefix { $0.isASCII && $0.isNumber }
        guard !fraction.isEmpty else { return nil }
        return (whole, fraction, rest[fraction.endIndex...])
    }

    /// What the oracle can say about `W.F × unit`, rounded down.
    enum Scaled: Equatable {
        case value(UInt128)
        /// Certainly above `UInt64.max` (and so above every limit checked).
        case huge
        /// Too many fraction digits for 128 bits: no verdict.
        case unknown
    }

    /// `unit` is at most 2^42, so 25 whole digits and 24 fraction digits stay inside 128 bits.
    static func scaled(whole: Substring, fraction: Substring?, unit: UInt128) -> Scaled {
        let significant = whole.drop { $0 == "0" }
        guard significant.count <= 25 else { return .huge }
        let fractionDigits = fraction ?? ""
        guard fractionDigits.count <= 24 else { return .unknown }
        let wholeValue = significant.reduce(UInt128(0)) { $0 * 10 + UInt128(($1.asciiValue ?? 48) - 48) }
        let fractionValue = fractionDigits.reduce(UInt128(0)) { $0 * 10 + UInt128(($1.asciiValue ?? 48) - 48) }
        var power = UInt128(1)
        for _ in 0..<fractionDigits.count { power *= 10 }
        return .value(wholeValue * unit + fractionValue * unit / power)
    }
}
