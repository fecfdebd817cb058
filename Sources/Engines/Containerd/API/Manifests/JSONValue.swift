import ContainerdMessages

/// A JSON value as the manifest reader needs it: objects keep their members in order, numbers stay text.
///
/// The project's Formats module only writes JSON, and EngineAPI's reader is shaped for Docker's event lines;
/// manifests and indexes are small documents read whole, so a plain tree is enough.
enum JSONValue: Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// The first member called `key` of an object; nil for anything else.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// A number that is a whole 64-bit integer (a size); nil for fractions, exponents and anything else.
    var integer: Int64? {
        if case .number(let text) = self { return Int64(text) }
        return nil
    }
}
