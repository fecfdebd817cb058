import EngineAdapter
import Formats
import Time

/// Reading the `reclaimed` attribute of a prune event.
public enum ReclaimedBytes: Sendable, Equatable {
    /// A valid count of bytes.
    case bytes(UInt64)
    /// The attribute is not there.
    case absent
    /// The attribute is there but not a count of bytes; the text is kept for the warning.
    case invalid(String)

    /// Parses a decimal count of bytes. Only ASCII digits count: a sign, a space, a fraction, an exponent or a
    /// value above `UInt64.max` is invalid, never clamped or truncated into a wrong number.
    public static func parse(_ text: String?) -> ReclaimedBytes {
        guard let text else { return .absent }
        guard let value = DecimalText.unsigned(text) else { return .invalid(text) }
        return .bytes(value)
    }

    /// The count, when known.
    public var value: UInt64? {
        if case .bytes(let value) = self { return value }
        return nil
    }
}
