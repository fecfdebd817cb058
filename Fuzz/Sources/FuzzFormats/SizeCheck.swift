import Formats
import Time
import FuzzSupport

/// `ByteSizeText` against the oracle, and integers written with every unit read back exactly.
enum SizeCheck {
    private static let units: [(String, UInt64)] = [
        ("B", 1), ("kB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
    ]

    static func checkText(_ text: String) {
        let result = Result { () throws(TextParseFailure) in try ByteSizeText.read(text) }
        guard let expected = oracle(text) else { return }
        invariant(result == expected, "ByteSizeText.read(\"\(text)\") is \(result), the oracle says \(expected)")
    }

    /// The size `text` names, read independently: digits, an optional fraction (which needs a unit), an optional
    /// space and a unit from the documented list, case-insensitive. Nil when the oracle has no verdict.
    static func oracle(_ text: String) -> Result<UInt64, TextParseFailure>? {
        guard let (whole, fraction, rest) = DecimalOracle.number(Substring(text)) else { return .failure(.malformed) }
        var unit: UInt64 = 1
        if !rest.isEmpty || fraction != nil {
            let name = rest.hasPrefix(" ") ? rest.dropFirst() : rest
            guard let known = units.first(where: { $0.0.lowercased() == name.lowercased() }) else {
                return .failure(.malformed)
            }
            unit = known.1
        }
        switch DecimalOracle.scaled(whole: whole, fraction: fraction, unit: UInt128(unit)) {
        case .value(let bytes) where bytes <= UInt128(UInt64.max): return .success(UInt64(bytes))
        case .value, .huge: return .failure(.outOfRange(accepted: ByteSizeText.rangeDescription))
        case .unknown: return nil
        }
    }

    /// Every `UInt64` reads back; with a unit (one per input, chosen by `choice`), exactly `n × unit`, or out of
    /// range exactly when that overflows.
    static func checkNumber(_ number: UInt64, choice: UInt64) {
        invariant(ByteSizeText.parse(String(number)) == number, "\(number) does not read back")
        let (name, factor) = units[Int(choice % UInt64(units.count))]
        let (product, overflow) = number.multipliedReportingOverflow(by: factor)
        let text = choice & 16 == 0 ? "\(number)\(name)" : "\(number) \(name.uppercased())"
        let result = Result { () throws(TextParseFailure) in try ByteSizeText.read(text) }
        let expected: Result<UInt64, TextParseFailure> =
            overflow ? .failure(.outOfRange(accepted: ByteSizeText.rangeDescription)) : .success(product)
        invariant(result == expected, "\(text) reads as \(result), expected \(expected)")
        invariant(!ByteCountText.decimalWithExact(number).isEmpty, "no text for \(number) bytes")
    }
}
