import Formats
import Time
import FuzzSupport

/// `DurationText` against the oracle, and every duration written by `exact` (and `format`) read back.
enum DurationCheck {
    private static let units: [String: UInt128] = [
        "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]
    private static let outOfRange = TextParseFailure.outOfRange(accepted: DurationText.rangeDescription)

    static func checkText(_ text: String) {
        let result = Result { () throws(TextParseFailure) in try DurationText.read(text) }
        if case .success(let duration) = result {
            invariant(duration >= .zero && duration <= DurationText.maximum,
                      "\(text) read as \(duration), out of range")
            invariant(DurationText.parse(DurationText.exact(duration)) == duration,
                      "exact form of \(duration) does not read back")
        }
        guard let expected = oracle(text) else { return }
        invariant(result == expected, "DurationText.read(\"\(text)\") is \(result), the oracle says \(expected)")
    }

    /// The duration `text` names, read independently: ASCII digits alone are seconds; else one or more numbers
    /// each followed by a unit. Nil when the oracle has no verdict.
    static func oracle(_ text: String) -> Result<Duration, TextParseFailure>? {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return verdict(DecimalOracle.scaled(whole: Substring(text), fraction: nil, unit: 1_000_000_000))
        }
        var rest = Substring(text)
        var total = DecimalOracle.Scaled.value(0)
        guard !rest.isEmpty else { return .failure(.malformed) }
        while !rest.isEmpty {
            guard let (whole, fraction, after) = DecimalOracle.number(rest) else { return .failure(.malformed) }
            let name = after.prefix { $0.isASCII && $0.isLetter }
            guard let unit = units[String(name)] else { return .failure(.malformed) }
            rest = after[name.endIndex...]
            switch (total, DecimalOracle.scaled(whole: whole, fraction: fraction, unit: unit)) {
            case (.value(let sum), .value(let part)):
                total = sum + part > UInt128(UInt64.max) ? .huge : .value(sum + part)
            case (.unknown, _), (_, .unknown): total = .unknown
            default: total = .huge
            }
        }
        return verdict(total)
    }

    private static func verdict(_ scaled: DecimalOracle.Scaled) -> Result<Duration, TextParseFailure>? {
        switch scaled {
        case .value(let nanoseconds) where nanoseconds <= UInt128(Int64.max): .success(.nanoseconds(Int64(nanoseconds)))
        case .value, .huge: .failure(outOfRange)
        case .unknown: nil
        }
    }

    /// Any duration up to the maximum reads back from `exact`; `format` reads back to the millisecond at and above
    /// one; `n` milliseconds is exactly that or out of range.
    static func checkNumber(_ number: UInt64) {
        let duration = Duration.nanoseconds(Int64(number >> 1))
        invariant(DurationText.parse(DurationText.exact(duration)) == duration,
                  "\(DurationText.exact(duration)) does not read back")
        let nanoseconds = Int64(number >> 1)
        if nanoseconds >= 1_000_000 {
            let truncated = Duration.nanoseconds(nanoseconds / 1_000_000 * 1_000_000)
            invariant(DurationText.parse(DurationText.format(duration)) == truncated,
                      "\(DurationText.format(duration)) is not \(truncated)")
        }
        invariant(!DurationText.format(.nanoseconds(Int64(bitPattern: number))).isEmpty, "no text for \(number) ns")
        let milliseconds = Result { () throws(TextParseFailure) in try DurationText.read("\(number)ms") }
        let (product, overflow) = number.multipliedReportingOverflow(by: 1_000_000)
        let expected: Result<Duration, TextParseFailure> = overflow || product > UInt64(Int64.max)
            ? .failure(outOfRange) : .success(.nanoseconds(Int64(product)))
        invariant(milliseconds == expected, "\(number)ms reads as \(milliseconds), expected \(expected)")
    }
}
