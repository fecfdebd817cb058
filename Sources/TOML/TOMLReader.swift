/// A TOML syntax error, with where it is.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: TOMLPosition
    public var message: String

    public var description: String { "\(position.line):\(position.column): \(message)" }
}

/// Reads TOML 1.0 into tables that remember where every key and value stands, for `FILE:LINE:COLUMN` messages.
///
/// Everything but dates and times: comments, bare/quoted/dotted keys, basic and literal strings (also multi-line)
/// with every escape, integers (decimal, hex, octal, binary, with `_`), floats, booleans, arrays, inline tables,
/// `[table]` and `[[array of tables]]` headers, and TOML's rules against defining a key or table twice.
public enum TOMLReader {
    public static func parse(_ source: String) throws(TOMLSyntaxError) -> TOMLTable {
        var reader = Reader(bytes: Array(source.utf8))
        return try reader.document()
    }

    /// Reads a document as the file holds it: bytes that are not UTF-8 are an error with their position, where
    /// decoding to a `String` first would have quietly replaced them.
    public static func parse(utf8 bytes: [UInt8]) throws(TOMLSyntaxError) -> TOMLTable {
        var reader = Reader(bytes: bytes)
        try reader.checkUTF8()
        return try reader.document()
    }
}

private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    var root = TOMLTable(position: TOMLPosition(line: 1, column: 1), origin: .root)
    /// The keys of the table that key/value lines go into (the last `[header]`).
    var current: [String] = []
    /// Arrays and inline tables open around the cursor.
    var nesting = 0

    /// How deep arrays and inline tables may nest, and how many parts a dotted key may have. Reading recurses
    /// once per level: without a bound, 10,000 `[` (a 20 KB file) overflow the stack, and SIGSEGV is not
    /// "FILE:LINE:COLUMN" (nor is a reload that kills the agent). No configuration comes near it.
    static let maximumDepth = 64

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
    }

    // MARK: Positions and bytes

    /// Throws at the first byte that does not begin a valid UTF-8 sequence, with its line and column. Walks a copy
    /// of the reader, so the reader itself stays at the start of the document.
    func checkUTF8() throws(TOMLSyntaxError) {
        var walker = self
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                walker.index += UTF8.width(scalar)
                if scalar.value == 0x0A { walker.line += 1; walker.lineStart = walker.index }
            case .emptyInput:
                return
            case .error:
                throw walker.fail("the file is not valid UTF-8 (byte 0x\(String(bytes[walker.index], radix: 16)))")
            }
        }
    }

    var position: TOMLPosition {
        // Columns count characters: every byte that does not continue a UTF-8 sequence.
        let column = bytes[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return TOMLPosition(line: line, column: column)
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The quote at the index is the first of three: a multi-line string's delimiter.
    var opensTripleQuote: Bool { peek != nil && peek(1) == peek && peek(2) == peek }

    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    func fail(_ message: String, at position: TOMLPosition? = nil) -> TOMLSyntaxError {
        TOMLSyntaxError(position: position ?? self.position, message: message)
    }

    func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        switch byte {
        case 0x0A, 0x0D: return "the end of the line"
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x\(String(byte, radix: 16))"
        }
    }

    mutating func skipSpaces() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
    }

    /// A comment runs to the end of the line; it may not hold control characters other than tab.
    mutating func skipComment() throws(TOMLSyntaxError) {
        guard peek == UInt8(ascii: "#") else { return }
        while let byte = peek, byte != 0x0A {
            if byte == 0x0D, peek(1) == 0x0A { break }
            if Self.isControl(byte) { throw fail("control character in a comment") }
            index += 1
        }
    }

    /// Consumes one newline (LF or CRLF) if there is one.
    mutating func newline() throws(TOMLSyntaxError) -> Bool {
        if peek == 0x0A {
            index += 1
        } else if peek == 0x0D {
            guard peek(1) == 0x0A else { throw fail("a carriage return must be followed by a line feed") }
            index += 2
        } else {
            return false
        }
        line += 1
        lineStart = index
        return true
    }

    /// Spaces, comments and newlines, as between array elements.
    mutating func skipBlank() throws(TOMLSyntaxError) {
        while true {
            skipSpaces()
            try skipComment()
            if try !newline() { return }
        }
    }

    /// After a key/value pair or a header: only spaces and a comment may follow on the line.
    mutating func endOfLine() throws(TOMLSyntaxError) {
        skipSpaces()
        try skipComment()
        if peek == nil { return }
        if try !newline() { throw fail("expected the end of the line after the value, found \(describe(peek))") }
    }

    // MARK: Document

    mutating func document() throws(TOMLSyntaxError) -> TOMLTable {
        while true {
            try skipBlank()
            guard let byte = peek else { return root }
            if byte == UInt8(ascii: "[") {
                try header()
            } else {
                let (key, entry) = try keyValue()
                try TOMLTree.descend(&root, current[...], at: key[0].position) {
                    (table: inout TOMLTable) throws(TOMLSyntaxError) in
                    try TOMLTree.insert(key, entry, into: &table)
                }
            }
            try endOfLine()
        }
    }

    /// `[a.b]` or `[[a.b]]`.
    mutating func header() throws(TOMLSyntaxError) {
        let start = position
        index += 1
        let isArray = peek == UInt8(ascii: "[")
        if isArray { index += 1 }
        skipSpaces()
        let key = try dottedKey()
        skipSpaces()
        guard peek == UInt8(ascii: "]"), !isArray || peek(1) == UInt8(ascii: "]") else {
            throw fail("expected '\(isArray ? "]]" : "]")' to close the table header, found \(describe(peek))")
        }
        index += isArray ? 2 : 1
        try TOMLTree.defineHeader(key, isArray: isArray, at: start, in: &root)
        current = key.map(\.name)
    }

    /// `key = value`, read up to the end of the value.
    mutating func keyValue() throws(TOMLSyntaxError) -> ([TOMLKey], TOMLEntry) {
        let key = try dottedKey()
        skipSpaces()
        guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after the key, found \(describe(peek))") }
        index += 1
        skipSpaces()
        let valuePosition = position
        let value = try self.value()
        return (key, TOMLEntry(value: value, keyPosition: key[key.count - 1].position, valuePosition: valuePosition))
    }

    // MARK: Keys

    mutating func dottedKey() throws(TOMLSyntaxError) -> [TOMLKey] {
        var keys: [TOMLKey] = []
        while true {
            guard keys.count < Self.maximumDepth else {
                throw fail("a dotted key may have at most \(Self.maximumDepth) parts")
            }
            skipSpaces()
            let start = position
            keys.append(TOMLKey(name: try simpleKey(), position: start))
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { return keys }
            index += 1
        }
    }

    mutating func simpleKey() throws(TOMLSyntaxError) -> String {
        switch peek {
        case UInt8(ascii: "\""):
            if opensTripleQuote { throw fail("a key cannot be a multi-line string") }
            return try basicString()
        case UInt8(ascii: "'"):
            if opensTripleQuote { throw fail("a key cannot be a multi-line string") }
            return try literalString()
        default:
            let start = index
            while let byte = peek, Self.isBareKey(byte) { index += 1 }
            guard index > start else { throw fail("expected a key, found \(describe(peek))") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    static func isBareKey(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: Values

    mutating func value() throws(TOMLSyntaxError) -> TOMLValue {
        switch peek {
        case UInt8(ascii: "\""):
            return .string(try opensTripleQuote ? multiLineString(quote: UInt8(ascii: "\"")) : basicString())
        case UInt8(ascii: "'"):
            return .string(try opensTripleQuote ? multiLineString(quote: UInt8(ascii: "'")) : literalString())
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "{"):
            return .table(try inlineTable())
        case nil, 0x0A, 0x0D, UInt8(ascii: "#"):
            throw fail("expected a value, found \(describe(peek))")
        default:
            return try scalar()
        }
    }

    mutating func array() throws(TOMLSyntaxError) -> TOMLValue {
        try enterNesting()
        defer { nesting -= 1 }
        index += 1
        var elements: [TOMLValue] = []
        while true {
            try skipBlank()
            if peek == UInt8(ascii: "]") { index += 1; return .array(elements, isTableArray: false) }
            elements.append(try value())
            try skipBlank()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements, isTableArray: false)
            default: throw fail("expected ',' or ']' in the array, found \(describe(peek))")
            }
        }
    }

    mutating func inlineTable() throws(TOMLSyntaxError) -> TOMLTable {
        try enterNesting()
        defer { nesting -= 1 }
        var table = TOMLTable(position: position, origin: .inline)
        index += 1
        skipSpaces()
        if peek == UInt8(ascii: "}") { index += 1; return table }
        while true {
            skipSpaces()
            let (key, entry) = try keyValue()
            try TOMLTree.insert(key, entry, into: &table)
            skipSpaces()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return table
            default:
                throw fail(
                    "expected ',' or '}' in the inline table (which must stay on one line), found \(describe(peek))")
            }
        }
    }

    /// One more array or inline table open; an error past `maximumDepth`.
    mutating func enterNesting() throws(TOMLSyntaxError) {
        guard nesting < Self.maximumDepth else {
            throw fail("arrays and inline tables may nest at most \(Self.maximumDepth) deep")
        }
        nesting += 1
    }

    /// Booleans and numbers: the run of characters up to a delimiter, then classified.
    mutating func scalar() throws(TOMLSyntaxError) -> TOMLValue {
        let start = position
        let from = index
        while let byte = peek, !Self.endsScalar(byte) { index += 1 }
        let token = String(decoding: bytes[from..<index], as: UTF8.self)
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        if let (digits, radix) = TOMLNumber.integerDigits(bytes[from..<index]) {
            guard let number = Int64(digits, radix: radix) else {
                throw fail(
                    "integer \(token) is out of range: TOML integers are 64-bit, -9223372036854775808 to 9223372036854775807",
                    at: start)
            }
            return .integer(number)
        }
        if let number = TOMLNumber.float(bytes[from..<index]) { return .float(number) }
        if Self.looksLikeDateOrTime(bytes[from..<index]) {
            throw fail("dates and times are not supported here; write the value as a string", at: start)
        }
        throw fail(
            "\(token.isEmpty ? describe(peek) : "'\(token)'") is not a value (strings need quotes: \"…\")", at: start)
    }

    /// A date (`1979-05-27`, and so a date-time) starts with four digits and `-`; a local time (`07:32:00`) with
    /// two digits and `:`. Such a value gets its own message, since writing it as a string is the way out.
    static func looksLikeDateOrTime(_ token: ArraySlice<UInt8>) -> Bool {
        func digits(_ count: Int, then separator: UInt8) -> Bool {
            token.count > count && token.prefix(count).allSatisfy { (0x30...0x39).contains($0) }
                && token.dropFirst(count).first == separator
        }
        return digits(4, then: UInt8(ascii: "-")) || digits(2, then: UInt8(ascii: ":"))
    }

    static func endsScalar(_ byte: UInt8) -> Bool {
        [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#")].contains(
            byte)
    }

    // MARK: Strings

    mutating func basicString() throws(TOMLSyntaxError) -> String {
        index += 1
        var text = [UInt8]()
        while true {
            guard let byte = peek, byte != 0x0A, byte != 0x0D else {
                throw fail("the string is not closed on this line (missing '\"')")
            }
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: text, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try escape(into: &text)
                continue
            }
            try checkNotControl(byte)
            text.append(byte)
            index += 1
        }
    }

    mutating func literalString() throws(TOMLSyntaxError) -> String {
        index += 1
        let from = index
        while true {
            guard let byte = peek, byte != 0x0A, byte != 0x0D else {
                throw fail("the string is not closed on this line (missing \"'\")")
            }
            if byte == UInt8(ascii: "'") {
                defer { index += 1 }
                return String(decoding: bytes[from..<index], as: UTF8.self)
            }
            try checkNotControl(byte)
            index += 1
        }
    }

    /// `"""…"""` (with escapes and line-ending backslashes) or `'''…'''` (raw). A newline right after the opening
    /// delimiter is dropped; up to two quotes may end the content right before the closing one.
    mutating func multiLineString(quote: UInt8) throws(TOMLSyntaxError) -> String {
        let basic = quote == UInt8(ascii: "\"")
        let delimiter = String(repeating: Character(Unicode.Scalar(quote)), count: 3)
        index += 3
        _ = try newline()
        var text = [UInt8]()
        while true {
            guard let byte = peek else { throw fail("the multi-line string is not closed (missing \(delimiter))") }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                var quotes = 3
                while quotes < 5, peek(quotes) == quote { quotes += 1 }
                text += Array(repeating: quote, count: quotes - 3)
                index += quotes
                return String(decoding: text, as: UTF8.self)
            }
            if basic, byte == UInt8(ascii: "\\") {
                // A backslash ending a line trims the newline and the whitespace that follows.
                var lookahead = index + 1
                while lookahead < bytes.count, bytes[lookahead] == 0x20 || bytes[lookahead] == 0x09 { lookahead += 1 }
                if lookahead < bytes.count, bytes[lookahead] == 0x0A || bytes[lookahead] == 0x0D {
                    index = lookahead
                    while true {
                        skipSpaces()
                        if try !newline() { break }
                    }
                    continue
                }
                try escape(into: &text)
                continue
            }
            if try newline() {
                text.append(0x0A)
                continue
            }
            try checkNotControl(byte)
            text.append(byte)
            index += 1
        }
    }

    /// What TOML allows in neither comments nor strings: control characters other than tab.
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    func checkNotControl(_ byte: UInt8) throws(TOMLSyntaxError) {
        if Self.isControl(byte) {
            throw fail(
                "control character 0x\(String(byte, radix: 16)) in a string; write it as an escape such as \\u001F")
        }
    }

    /// `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`, appended as UTF-8.
    mutating func escape(into text: inout [UInt8]) throws(TOMLSyntaxError) {
        let start = position
        index += 1
        guard let letter = peek else { throw fail("the string ends in the middle of an escape", at: start) }
        index += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): 0x22,
            UInt8(ascii: "\\"): 0x5C,
        ]
        if let byte = simple[letter] {
            text.append(byte)
            return
        }
        let length = letter == UInt8(ascii: "u") ? 4 : letter == UInt8(ascii: "U") ? 8 : 0
        guard length > 0 else {
            guard (0x21...0x7E).contains(letter) else {
                throw fail("a backslash in a string must start an escape, found \(describe(letter))", at: start)
            }
            throw fail("unknown escape \\\(Character(Unicode.Scalar(letter))) in a string", at: start)
        }
        guard index + length <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + length], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
        else {
            throw fail(
                "\\\(Character(Unicode.Scalar(letter))) must be followed by \(length) hex digits of a Unicode scalar value",
                at: start)
        }
        index += length
        text += Array(String(Character(scalar)).utf8)
    }
}
