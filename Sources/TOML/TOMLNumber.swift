/// TOML 1.0's integers and floats, checked against the grammar as written rather than by what a general number
/// parser would take: a token such as `0x0b1` or `1e_5` must not be read by a looser rule than TOML's.
///
/// Integers: decimal with an optional sign and no leading zero, or unsigned `0x`/`0o`/`0b` with digits of that base
/// only (a single prefix: `0x0b1` is hex B1). Floats: a decimal integer part, then a fraction, an exponent or both;
/// or `inf`/`nan` with an optional sign. Everywhere, `_` stands only between two digits of the number's base.
enum TOMLNumber {
    /// An integer by TOML's grammar, whatever its size: its digits (signed, without `_`) and base. A token that
    /// has this but no `integer` is well formed and out of range, which deserves its own message.
    static func integerDigits(_ token: ArraySlice<UInt8>) -> (digits: String, radix: Int)? {
        if token.count > 2, token.first == UInt8(ascii: "0"), let radix = radix(of: token[token.startIndex + 1]) {
            return digits(token.dropFirst(2), radix: radix).map { ($0, radix) }
        }
        let (negative, unsigned) = sign(token)
        guard let digits = digits(unsigned, radix: 10), digits.utf8.count == 1 || digits.utf8.first != UInt8(ascii: "0")
        else {
            return nil
        }
        return ((negative ? "-" : "") + digits, 10)
    }

    static func float(_ token: ArraySlice<UInt8>) -> Double? {
        let (negative, unsigned) = sign(token)
        if unsigned.elementsEqual("inf".utf8) { return negative ? -.infinity : .infinity }
        if unsigned.elementsEqual("nan".utf8) { return .nan }
        let exponentStart = unsigned.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = unsigned[..<(exponentStart ?? unsigned.endIndex)]
        let point = mantissa.firstIndex(of: UInt8(ascii: "."))
        guard point != nil || exponentStart != nil,
            let whole = digits(mantissa[..<(point ?? mantissa.endIndex)], radix: 10),
            whole.utf8.count == 1 || whole.utf8.first != UInt8(ascii: "0")
        else { return nil }
        var text = (negative ? "-" : "") + whole
        if let point {
            guard let fraction = digits(mantissa[(point + 1)...], radix: 10) else { return nil }
            text += "." + fraction
        }
        if let exponentStart {
            // The exponent's digits may start with zeros (`1e007`).
            let (exponentNegative, exponentDigits) = sign(unsigned[(exponentStart + 1)...])
            guard let exponent = digits(exponentDigits, radix: 10) else { return nil }
            text += "e" + (exponentNegative ? "-" : "") + exponent
        }
        // A float too large for a double is out of range, not infinity.
        guard let number = Double(text), number.isFinite else { return nil }
        return number
    }

    /// The base a second character `x`, `o` or `b` gives after a leading `0`.
    private static func radix(of letter: UInt8) -> Int? {
        switch letter {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// An optional leading `+` or `-`, and the rest.
    private static func sign(_ token: ArraySlice<UInt8>) -> (negative: Bool, rest: ArraySlice<UInt8>) {
        switch token.first {
        case UInt8(ascii: "-"): (true, token.dropFirst())
        case UInt8(ascii: "+"): (false, token.dropFirst())
        default: (false, token)
        }
    }

    /// The digits without their `_`: nil unless there is at least one digit, every character is a digit of
    /// `radix` or a `_`, and every `_` has such a digit on both sides.
    private static func digits(_ text: ArraySlice<UInt8>, radix: Int) -> String? {
        var result = ""
        var previousIsDigit = false
        for byte in text {
            if byte == UInt8(ascii: "_") {
                guard previousIsDigit else { return nil }
                previousIsDigit = false
            } else {
                guard isDigit(byte, radix: radix) else { return nil }
                result.unicodeScalars.append(Unicode.Scalar(byte))
                previousIsDigit = true
            }
        }
        return previousIsDigit ? result : nil
    }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0")) < radix
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): radix == 16
        default: false
        }
    }
}
