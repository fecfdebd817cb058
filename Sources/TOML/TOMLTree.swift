/// One part of a dotted key, and where it stands.
struct TOMLKey {
    var name: String
    var position: TOMLPosition
}

/// Building the tables: TOML's rules on where keys and tables may be defined, and defined only once.
enum TOMLTree {
    /// Runs `body` on the table at `path`, resolving an array of tables to its last element.
    static func descend(
        _ table: inout TOMLTable, _ path: ArraySlice<String>, at position: TOMLPosition,
        _ body: (inout TOMLTable) throws(TOMLSyntaxError) -> Void
    ) throws(TOMLSyntaxError) {
        guard let first = path.first else { return try body(&table) }
        switch table[first]?.value {
        case .table(var child):
            try descend(&child, path.dropFirst(), at: position, body)
            table.replaceValue(first, .table(child))
        case .array(var elements, isTableArray: true):
            guard case .table(var child)? = elements.last else { return }
            try descend(&child, path.dropFirst(), at: position, body)
            elements[elements.count - 1] = .table(child)
            table.replaceValue(first, .array(elements, isTableArray: true))
        default:
            throw TOMLSyntaxError(position: position, message: "\(first) is not a table")
        }
    }

    /// Walks `keys` from `table`, creating the missing tables with `origin`, then runs `body` on the last one.
    /// A header may go through any table but an inline one (those are closed), and through arrays of tables; dotted
    /// keys only through tables that dotted keys made.
    static func walk(
        _ keys: ArraySlice<TOMLKey>, from path: [String], in table: inout TOMLTable, origin: TOMLTable.Origin,
        _ body: (inout TOMLTable) throws(TOMLSyntaxError) -> Void
    ) throws(TOMLSyntaxError) {
        guard let first = keys.first else { return try body(&table) }
        if table[first.name] == nil {
            table.insert(
                first.name,
                TOMLEntry(
                    value: .table(TOMLTable(position: first.position, origin: origin)),
                    keyPosition: first.position, valuePosition: first.position))
        }
        guard let entry = table[first.name] else { return }
        let name = (path + [first.name]).joined(separator: ".")
        switch entry.value {
        case .table(var child) where origin == .dotted ? child.origin == .dotted : child.origin != .inline:
            try walk(keys.dropFirst(), from: path + [first.name], in: &child, origin: origin, body)
            table.replaceValue(first.name, .table(child))
        case .array(var elements, isTableArray: true) where origin != .dotted:
            guard case .table(var child)? = elements.last else { return }
            try walk(keys.dropFirst(), from: path + [first.name], in: &child, origin: origin, body)
            elements[elements.count - 1] = .table(child)
            table.replaceValue(first.name, .array(elements, isTableArray: true))
        default:
            throw TOMLSyntaxError(
                position: first.position,
                message: "\(name) is already defined at line \(entry.keyPosition.line) and cannot be extended here")
        }
    }

    /// `a.b.c = value` into `table`: `a` and `b` become tables, `c` must be new.
    static func insert(_ key: [TOMLKey], _ entry: TOMLEntry, into table: inout TOMLTable) throws(TOMLSyntaxError) {
        let last = key[key.count - 1]
        try walk(key.dropLast(), from: [], in: &table, origin: .dotted) {
            (target: inout TOMLTable) throws(TOMLSyntaxError) in
            if let existing = target[last.name] {
                throw TOMLSyntaxError(
                    position: last.position,
                    message:
                        "\(key.map(\.name).joined(separator: ".")) is defined twice (first at line \(existing.keyPosition.line))"
                )
            }
            target.insert(last.name, entry)
        }
    }

    /// `[a.b]` defines the table once (it may have been made implicitly before); `[[a.b]]` appends a table.
    static func defineHeader(
        _ key: [TOMLKey], isArray: Bool, at start: TOMLPosition, in root: inout TOMLTable
    ) throws(TOMLSyntaxError) {
        let last = key[key.count - 1]
        let name = key.map(\.name).joined(separator: ".")
        try walk(key.dropLast(), from: [], in: &root, origin: .implicit) {
            (table: inout TOMLTable) throws(TOMLSyntaxError) in
            guard let existing = table[last.name] else {
                let new = TOMLTable(position: start, origin: .header)
                table.insert(
                    last.name,
                    TOMLEntry(
                        value: isArray ? .array([.table(new)], isTableArray: true) : .table(new),
                        keyPosition: start, valuePosition: start))
                return
            }
            switch existing.value {
            case .table(var defined) where !isArray && defined.origin == .implicit:
                defined.origin = .header
                defined.position = start
                table.replaceValue(last.name, .table(defined))
            case .array(var elements, isTableArray: true) where isArray:
                elements.append(.table(TOMLTable(position: start, origin: .header)))
                table.replaceValue(last.name, .array(elements, isTableArray: true))
            case .table(let defined) where !isArray && defined.origin == .header:
                throw TOMLSyntaxError(
                    position: start,
                    message: "table [\(name)] is defined twice (first at line \(defined.position.line))")
            default:
                let header = isArray ? "[[\(name)]]" : "[\(name)]"
                throw TOMLSyntaxError(
                    position: start,
                    message: "\(header) conflicts with \(name) defined at line \(existing.keyPosition.line)")
            }
        }
    }
}
