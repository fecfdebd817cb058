/// The stderr form of an entry: one readable line with time, level, message and `KEY=value` fields.
///
/// `2026-11-22T16:14:30.061770555Z info image prune reclaimed 9.3 MB RECLAIMD_RESOURCE=image ...`
/// Values are escaped so one entry is always one line: `\n`, `\t`, `\\`, `\"`, other control or non-UTF-8 bytes
/// as `\xNN`; a value with spaces is quoted.
public enum StderrEntryFormat {
    public static func line(_ entry: JournalEntry) -> String {
        var line = "\(entry.time.rfc3339) \(entry.priority.name) \(escaped(Array(entry.message.utf8), quoteSpaces: false))"
        if let id = entry.messageID { line += " MESSAGE_ID=\(id.hex)" }
        for field in entry.fields {
            line += " \(field.name)=\(escaped(field.value, quoteSpaces: true))"
        }
        return line
    }

    static func escaped(_ bytes: [UInt8], quoteSpaces: Bool) -> String {
        var out = ""
        var needsQuotes = false
        var index = 0
        let text = bytes
        while index < text.count {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\t"): out += "\\t"
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: " "):
                out += " "
                needsQuotes = true
            case 0..<0x20, 0x7F: out += hex(byte)
            case 0x20..<0x80: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                // A multi-byte UTF-8 sequence is kept when valid, else escaped byte by byte.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = index + length
                if length > 1, end <= text.count,
                   let scalar = String(validating: text[index..<end], as: UTF8.self) {
                    out += scalar
                    index = end
                    continue
                }
                out += hex(byte)
            }
            index += 1
        }
        return needsQuotes && quoteSpaces ? "\"\(out)\"" : out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return "\\x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
