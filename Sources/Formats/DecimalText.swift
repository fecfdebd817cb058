/// Plain decimal integers: ASCII digits only.
public enum DecimalText {
    /// The value of `text` when it is one or more ASCII digits and fits in `UInt64`; nil for anything else
    /// (empty, a sign, spaces, a fraction, an exponent, other digits, overflow). `UInt64(_:)` alone accepts `+1`.
    public static func unsigned(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return UInt64(text)
    }

    /// Whether `text` is one or more ASCII digits (whatever its size).
    public static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
