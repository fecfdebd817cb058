/// Finds where a key of the configuration stands in its source, for `FILE:LINE:COLUMN` messages.
///
/// TOMLKit reports positions only for syntax errors, so this scanner reads the lines: table headers
/// (`[engine]`, `[[rule]]`, counting each `[[rule]]`) and `key =` at the start of a line. It knows the shapes our
/// configuration uses; anything it cannot place is reported at the section's header, or at line 1.
public struct SourceLocator: Sendable {
    /// Where a key stands: its line, the column of the key and of its value.
    public struct Position: Sendable, Equatable {
        public var line: Int
        public var keyColumn: Int
        public var valueColumn: Int
    }

    /// (section, index of that section, key) → position. Root keys use section "".
    private var keys: [String: Position] = [:]
    private var headers: [String: Position] = [:]

    public init(source: String) {
        var section = ""
        var counts: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let content = line.dropFirst(indent)
            if content.hasPrefix("[[") || content.hasPrefix("[") {
                let isArray = content.hasPrefix("[[")
                let name = content.drop { $0 == "[" }.prefix { $0 != "]" }.trimmingSpaces()
                let index = isArray ? counts[name, default: -1] + 1 : 0
                if isArray { counts[name] = index }
                section = "\(name)#\(index)"
                headers[section] = Position(line: lineNumber, keyColumn: indent + 1, valueColumn: indent + 1)
                continue
            }
            guard let equals = content.firstIndex(of: "="), !content.hasPrefix("#") else { continue }
            let key = String(content[..<equals]).trimmingSpaces().trimmingQuotes()
            let afterEquals = content[content.index(after: equals)...]
            let valueOffset = content.distance(from: content.startIndex, to: content.index(after: equals))
                + afterEquals.prefix { $0 == " " || $0 == "\t" }.count
            let position = Position(line: lineNumber, keyColumn: indent + 1, valueColumn: indent + valueOffset + 1)
            if keys["\(section)|\(key)"] == nil { keys["\(section)|\(key)"] = position }
        }
    }

    /// Where `key` of section `section` (e.g. "rule", index 2) stands; its section header if not found.
    public func position(section: String, index: Int = 0, key: String?) -> Position {
        let sectionKey = section.isEmpty ? "" : "\(section)#\(index)"
        if let key, let position = keys["\(sectionKey)|\(key)"] { return position }
        return headers[sectionKey] ?? Position(line: 1, keyColumn: 1, valueColumn: 1)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    func trimmingQuotes() -> String {
        let text = String(self)
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
