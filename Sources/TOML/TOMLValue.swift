/// Where something stands in a TOML source: 1-based line and column (columns count characters, not bytes).
public struct TOMLPosition: Sendable, Equatable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: TOMLPosition, rhs: TOMLPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A TOML value. Dates and times are not read (reclaimd's configuration has none).
public indirect enum TOMLValue: Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// `isTableArray`: written as `[[name]]` headers, which may append to it; a literal `[…]` array may not be.
    case array([TOMLValue], isTableArray: Bool)
    case table(TOMLTable)

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    public var array: [TOMLValue]? {
        if case .array(let elements, _) = self { return elements }
        return nil
    }

    public var table: TOMLTable? {
        if case .table(let table) = self { return table }
        return nil
    }

    /// The type's name for messages: "a string", "an integer", ….
    public var typeDescription: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A key's value with where the key and the value stand.
public struct TOMLEntry: Sendable {
    public var value: TOMLValue
    public var keyPosition: TOMLPosition
    public var valuePosition: TOMLPosition
}

/// A table: its keys in source order, and where it was opened (its header, its `{`, or 1:1 for the root).
public struct TOMLTable: Sendable {
    /// How the table came to be, for TOML's rules on defining a table twice.
    enum Origin: Sendable {
        case root, implicit, header, dotted, inline
    }

    public private(set) var keys: [String] = []
    private var entries: [String: TOMLEntry] = [:]
    public var position: TOMLPosition
    var origin: Origin

    init(position: TOMLPosition, origin: Origin) {
        self.position = position
        self.origin = origin
    }

    public subscript(key: String) -> TOMLEntry? {
        entries[key]
    }

    /// Sets a new key; the caller has checked that it is not there yet.
    mutating func insert(_ key: String, _ entry: TOMLEntry) {
        if entries.updateValue(entry, forKey: key) == nil { keys.append(key) }
    }

    /// Replaces the value of an existing key, keeping its positions.
    mutating func replaceValue(_ key: String, _ value: TOMLValue) {
        entries[key]?.value = value
    }
}
