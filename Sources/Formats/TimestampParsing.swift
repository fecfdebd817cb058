/// Parsing of the ways a person or an engine writes a point in time.
extension Timestamp {
    /// Parses RFC 3339, e.g. `2026-11-22T16:14:30Z`, `2026-11-22T17:14:30.5+01:00`.
    ///
    /// Returns nil when the text is not RFC 3339 or names a date that does not exist.
    public init?(rfc3339 text: String) {
        var scanner = DigitScanner(text)
        guard let year = scanner.digits(exactly: 4), scanner.take("-"),
              let month = scanner.digits(exactly: 2), scanner.take("-"),
              let day = scanner.digits(exactly: 2),
              scanner.take("T") || scanner.take("t") || scanner.take(" "),
              let hour = scanner.digits(exactly: 2), scanner.take(":"),
              let minute = scanner.digits(exactly: 2), scanner.take(":"),
              let second = scanner.digits(exactly: 2)
        else { return nil }
        var fraction: Int64 = 0
        if scanner.take(".") {
            guard let (value, count) = scanner.fraction(), count > 0 else { return nil }
            fraction = value
        }
        var offsetSeconds: Int64 = 0
        if scanner.take("Z") || scanner.take("z") {
            offsetSeconds = 0
        } else if let sign = scanner.takeSign() {
            guard let offsetHours = scanner.digits(exactly: 2), scanner.take(":"),
                  let offsetMinutes = scanner.digits(exactly: 2),
                  offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard scanner.isAtEnd else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard (1...12).contains(month), day >= 1, day <= date.daysInMonth,
              hour < 24, minute < 60, second < 61
        else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        self.init(nanoseconds: seconds * 1_000_000_000 + fraction)
    }

    /// Parses Unix seconds with an optional fraction, e.g. `1795364605` or `1795364605.7105`.
    public init?(unixSeconds text: String) {
        var scanner = DigitScanner(text)
        let negative = scanner.take("-")
        guard let whole = scanner.digits(atMost: 12) else { return nil }
        var fraction: Int64 = 0
        if scanner.take(".") {
            guard let (value, count) = scanner.fraction(), count > 0 else { return nil }
            fraction = value
        }
        guard scanner.isAtEnd else { return nil }
        let nanos = whole * 1_000_000_000 + fraction
        self.init(nanoseconds: negative ? -nanos : nanos)
    }
}

/// A cursor over ASCII text for the parsers in this module.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { index == bytes.count }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func take(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, peek == ascii else { return false }
        index += 1
        return true
    }

    mutating func takeSign() -> Int64? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    /// Exactly `count` decimal digits.
    mutating func digits(exactly count: Int) -> Int64? {
        let start = index
        guard let value = digits(atMost: count), index - start == count else {
            index = start
            return nil
        }
        return value
    }

    /// One to `limit` decimal digits.
    mutating func digits(atMost limit: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < limit, let byte = peek, byte >= 48, byte <= 57 {
            value = value * 10 + Int64(byte - 48)
            index += 1
            count += 1
        }
        return count > 0 ? value : nil
    }

    /// Digits after a decimal point as nanoseconds; digits past the ninth are read and ignored.
    mutating func fraction() -> (nanoseconds: Int64, digitCount: Int)? {
        var value: Int64 = 0
        var count = 0
        while let byte = peek, byte >= 48, byte <= 57 {
            if count < 9 { value = value * 10 + Int64(byte - 48) }
            index += 1
            count += 1
        }
        guard count > 0 else { return nil }
        for _ in min(count, 9)..<9 { value *= 10 }
        return (value, count)
    }

    /// A decimal number with an optional fraction, as an exact value scaled by 10^9.
    mutating func decimalScaledByBillion() -> (value: Int64, overflow: Bool)? {
        guard let whole = digits(atMost: 18) else {
            return nil
        }
        var result = whole.multipliedReportingOverflow(by: 1_000_000_000)
        if take(".") {
            guard let (fraction, _) = fraction() else { return nil }
            let sum = result.partialValue.addingReportingOverflow(fraction)
            result = (sum.partialValue, result.overflow || sum.overflow)
        }
        return (result.partialValue, result.overflow)
    }

    /// Letters up to the next non-letter.
    mutating func letters() -> String {
        var text = ""
        while let byte = peek, (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) {
            text.append(Character(Unicode.Scalar(byte)))
            index += 1
        }
        return text
    }

}
