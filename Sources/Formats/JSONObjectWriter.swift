/// Writing JSON text with keys in the order given, so output is stable and diffable.
///
/// Reading JSON is the readers' business (`EventLineParser`, `JSONDecoder`); writing is this small, since every
/// object we emit has a fixed shape. Built as UTF-8 bytes (`bytes`), the form output is written in.
public struct JSONObjectWriter {
    /// The object so far, without its closing brace.
    public private(set) var bytes: [UInt8]
    private var isFirst = true

    /// Starts an empty object; `capacity` is a guess of its final size, to allocate once.
    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Adds a string member.
    public mutating func add(_ key: String, _ value: String) {
        addKey(key)
        JSONText.appendQuoted(value, to: &bytes)
    }

    /// Adds an optional string member; nil is written as `null`.
    public mutating func add(_ key: String, _ value: String?) {
        guard let value else { return addRaw(key, "null") }
        add(key, value)
    }

    /// Adds an integer member.
    public mutating func add<I: BinaryInteger>(_ key: String, _ value: I) {
        addKey(key)
        if let signed = Int64(exactly: value) {
            JSONText.appendDecimal(signed, to: &bytes)
        } else if let unsigned = UInt64(exactly: value) {
            JSONText.appendDecimal(unsigned, to: &bytes)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// Adds an optional integer member; nil is written as `null`.
    public mutating func add<I: BinaryInteger>(_ key: String, _ value: I?) {
        guard let value else { return addRaw(key, "null") }
        add(key, value)
    }

    /// Adds an object of strings, keys sorted.
    public mutating func add(_ key: String, _ dictionary: [String: String]) {
        addKey(key)
        bytes.append(UInt8(ascii: "{"))
        for (index, name) in dictionary.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(dictionary[name] ?? "", to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Adds a member whose value is already JSON text.
    public mutating func addRaw(_ key: String, _ json: String) {
        addKey(key)
        bytes.append(contentsOf: json.utf8)
    }

    /// Adds a member whose value is written by `value` straight into the buffer (already JSON).
    public mutating func addRaw(_ key: String, _ value: (inout [UInt8]) -> Void) {
        addKey(key)
        value(&bytes)
    }

    private mutating func addKey(_ key: String) {
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        isFirst = false
        JSONText.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// The finished object as UTF-8 bytes.
    public consuming func finishBytes() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// The finished object.
    public consuming func finish() -> String {
        String(decoding: finishBytes(), as: UTF8.self)
    }
}
