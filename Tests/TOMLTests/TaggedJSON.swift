import Foundation
import TOML

/// A document in toml-test's tagged JSON, as a tree that compares by meaning rather than by text: floats by value
/// (`nan` equals `nan`, `inf` is infinity), integers exactly, tables by their keys whatever the order.
///
/// Both sides are brought to this form: the expected `.json` beside a valid case, and what `TOMLReader` made of
/// the `.toml`; comparing trees then needs no knowledge of how either was written.
indirect enum TaggedJSON: Equatable, CustomStringConvertible {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    /// `datetime`, `datetime-local`, `date-local` or `time-local`, with the value as written: the reader reads none.
    case dateTime(type: String, value: String)
    case array([TaggedJSON])
    case table([String: TaggedJSON])

    /// Whether a date or time stands anywhere in the tree: the one thing the reader is allowed to refuse.
    var containsDateTime: Bool {
        switch self {
        case .dateTime: true
        case .array(let elements): elements.contains { $0.containsDateTime }
        case .table(let members): members.values.contains { $0.containsDateTime }
        default: false
        }
    }

    static func == (lhs: TaggedJSON, rhs: TaggedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.float(let a), .float(let b)): a == b || (a.isNaN && b.isNaN)
        case (.bool(let a), .bool(let b)): a == b
        case (.dateTime(let t, let v), .dateTime(let u, let w)): t == u && v == w
        case (.array(let a), .array(let b)): a == b
        case (.table(let a), .table(let b)): a == b
        default: false
        }
    }

    var description: String {
        switch self {
        case .string(let text): "string \(text.debugDescription)"
        case .integer(let number): "integer \(number)"
        case .float(let number): "float \(number)"
        case .bool(let value): "bool \(value)"
        case .dateTime(let type, let value): "\(type) \(value)"
        case .array(let elements): "[\(elements.map(\.description).joined(separator: ", "))]"
        case .table(let members):
            "{\(members.keys.sorted().map { "\($0.debugDescription): \(members[$0]?.description ?? "")" }.joined(separator: ", "))}"
        }
    }
}

extension TaggedJSON {
    /// What the reader made of a document.
    init(_ table: TOMLTable) {
        var members: [String: TaggedJSON] = [:]
        for key in table.keys {
            if let entry = table[key] { members[key] = TaggedJSON(entry.value) }
        }
        self = .table(members)
    }

    init(_ value: TOMLValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        case .float(let number): self = .float(number)
        case .boolean(let flag): self = .bool(flag)
        case .array(let elements, _): self = .array(elements.map(TaggedJSON.init))
        case .table(let table): self = TaggedJSON(table)
        }
    }
}

/// Why an expected `.json` could not be read as tagged JSON.
struct TaggedJSONError: Error, CustomStringConvertible {
    var description: String
}

extension TaggedJSON {
    /// Reads toml-test's expected output: `{"type": T, "value": "…"}` is a scalar, any other object a table.
    init(json bytes: [UInt8]) throws {
        self = try TaggedJSON(any: try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    private init(any object: Any) throws {
        if let elements = object as? [Any] {
            self = .array(try elements.map(TaggedJSON.init(any:)))
        } else if let members = object as? [String: Any] {
            if members.count == 2, let type = members["type"] as? String, let value = members["value"] as? String {
                self = try TaggedJSON(type: type, value: value)
            } else {
                self = .table(try members.mapValues(TaggedJSON.init(any:)))
            }
        } else {
            throw TaggedJSONError(description: "not tagged JSON: \(object)")
        }
    }

    private init(type: String, value: String) throws {
        switch type {
        case "string":
            self = .string(value)
        case "integer":
            guard let number = Int64(value) else { throw TaggedJSONError(description: "integer \(value)") }
            self = .integer(number)
        case "float":
            self = .float(try Self.float(value))
        case "bool":
            guard value == "true" || value == "false" else { throw TaggedJSONError(description: "bool \(value)") }
            self = .bool(value == "true")
        case "datetime", "datetime-local", "date-local", "time-local":
            self = .dateTime(type: type, value: value)
        default:
            throw TaggedJSONError(description: "unknown type \(type)")
        }
    }

    /// `inf`, `+inf`, `-inf`, `nan` (any sign) or a decimal float as TOML writes it (`_` allowed).
    private static func float(_ value: String) throws -> Double {
        let unsigned = value.drop { $0 == "+" || $0 == "-" }
        if unsigned == "nan" { return .nan }
        if unsigned == "inf" { return value.hasPrefix("-") ? -.infinity : .infinity }
        guard let number = Double(value.filter { $0 != "_" }) else {
            throw TaggedJSONError(description: "float \(value)")
        }
        return number
    }
}
