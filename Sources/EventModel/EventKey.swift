/// A stable key of an event: the same event always has the same key, different events different keys
/// (64-bit FNV-1a over every field that tells events apart). Consumers deduplicate by it.
public struct EventKey: Sendable, Hashable, CustomStringConvertible {
    /// The hash.
    public var value: UInt64

    public init(value: UInt64) {
        self.value = value
    }

    /// The key of the fields that identify an event, in a fixed order the source chooses.
    public init(hashing fields: some Sequence<String>) {
        var hash = FNV1a()
        for field in fields { hash.add(field) }
        value = hash.value
    }

    /// The key of fields added one at a time (`Hasher.add`), for a source that has them as bytes or parts.
    public init(_ hasher: Hasher) {
        value = hasher.hash.value
    }

    /// Builds a key field by field without collecting the fields first: the same key as `init(hashing:)` of the
    /// same fields, without an array or a `String` per event.
    public struct Hasher {
        fileprivate var hash = FNV1a()

        public init() {}

        /// Adds one field.
        public mutating func add(_ field: String) {
            var field = field
            field.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
        }

        /// Adds one field given as UTF-8 bytes.
        public mutating func add(bytes: UnsafeRawBufferPointer) {
            hash.add(bytes)
        }

        /// Adds one field: the decimal text of `value`, as `String(value)` would write it.
        public mutating func add(decimal value: Int64) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
                var index = buffer.count
                var magnitude = value.magnitude
                repeat {
                    index -= 1
                    buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                if value < 0 {
                    index -= 1
                    buffer[index] = UInt8(ascii: "-")
                }
                hash.add(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[index...])))
            }
        }
    }

    /// Sixteen lowercase hex digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Parses the sixteen hex digits `description` writes.
    public init?(_ text: String) {
        guard text.utf8.count == 16, let value = UInt64(text, radix: 16) else { return nil }
        self.value = value
    }
}

/// 64-bit FNV-1a, with a separator after each field so that ("ab","c") and ("a","bc") differ.
private struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ field: String) {
        for byte in field.utf8 { mix(byte) }
        mix(0xFF)  // never appears in UTF-8
    }

    mutating func add(_ field: UnsafeRawBufferPointer) {
        for byte in field { mix(byte) }
        mix(0xFF)
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }
}
