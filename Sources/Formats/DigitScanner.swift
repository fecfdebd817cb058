/// A cursor over ASCII text for the parsers in this module.
public struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    public var isAtEnd: Bool { index == bytes.count }

    public var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    public mutating func take(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, peek == ascii else { return false }
        index += 1
        return true
    }

    public mutating func takeSign() -> Int64? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    /// Exactly `count` decimal digits (at most 18, so the value fits).
    public mutating func digits(exactly count: Int) -> Int64? {
        let start = index
        var value: Int64 = 0
        while index - start < count, let digit = digit() {
            value = value * 10 + digit
            index += 1
        }
        guard index - start == count else {
            index = start
            return nil
        }
        return value
    }

    /// One or more decimal digits, as many as there are, as text: the caller decides what range it allows.
    public mutating func digitRun() -> ArraySlice<UInt8>? {
        let start = index
        while digit() != nil { index += 1 }
        return index > start ? bytes[start..<index] : nil
    }

    /// Digits after a decimal point as nanoseconds; digits past the ninth are read and ignored.
    public mutating func fraction() -> (nanoseconds: Int64, digitCount: Int)? {
        guard let run = digitRun() else { return nil }
        var value: Int64 = 0
        for (position, byte) in run.enumerated() where position < 9 { value = value * 10 + Int64(byte - 48) }
        for _ in min(run.count, 9)..<9 { value *= 10 }
        return (value, run.count)
    }

    /// A decimal number `W` or `W.F` (digits on both sides of the point), kept exact.
    public mutating func decimal() -> DecimalNumber? {
        let start = index
        guard let whole = digitRun() else { return nil }
        guard take(".") else { return DecimalNumber(whole: whole, fraction: []) }
        guard let fraction = digitRun() else {
            index = start
            return nil
        }
        return DecimalNumber(whole: whole, fraction: fraction)
    }

    /// Letters up to the next non-letter.
    public mutating func letters() -> String {
        var text = ""
        while let byte = peek, (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) {
            text.append(Character(Unicode.Scalar(byte)))
            index += 1
        }
        return text
    }

    /// The value of the decimal digit at the cursor, or nil when there is none.
    private func digit() -> Int64? {
        guard let byte = peek, byte >= 48, byte <= 57 else { return nil }
        return Int64(byte - 48)
    }
}
