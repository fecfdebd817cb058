/// Writing JSON text with keys in the order given, so output is stable and diffable.
///
/// Reading JSON goes through `JSONDecoder`; writing is this small, since every object we emit has a fixed shape.
public struct JSONObjectWriter {
    private var text = "{"
    private var isFirst = true

    /// Starts an empty object.
    public init() {}

    /// Adds a string member.
    public mutating func add(_ key: String, _ value: String) {
        addRaw(key, JSONText.quoted(value))
    }

    /// Adds an optional string member; nil is written as `null`.
    public mutating func add(_ key: String, _ value: String?) {
        addRaw(key, value.map(JSONText.quoted) ?? "null")
    }

    /// Adds an integer member.
    public mutating func add<I: BinaryInteger>(_ key: String, _ value: I) {
        addRaw(key, String(value))
    }

    /// Adds an optional integer member; nil is written as `null`.
    public mutating func add<I: BinaryInteger>(_ key: String, _ value: I?) {
        addRaw(key, value.map { String($0) } ?? "null")
    }

    /// Adds an object of strings, keys sorted.
    public mutating func add(_ key: String, _ dictionary: [String: String]) {
        var inner = JSONObjectWriter()
        for name in dictionary.keys.sorted() {
            inner.add(name, dictionary[name] ?? "")
        }
        addRaw(key, inner.finish())
    }

    /// Adds a member whose value is already JSON text.
    public mutating func addRaw(_ key: String, _ json: String) {
        if !isFirst { text += "," }
        isFirst = false
        text += JSONText.quoted(key)
        text += ":"
        text += json
    }

    /// The finished object.
    public func finish() -> String {
        text + "}"
    }
}

/// JSON string quoting.
public enum JSONText {
    /// `value` as a JSON string literal, escaping quotes, backslashes and control characters.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// A JSON array of already-encoded elements.
    public static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }
}
