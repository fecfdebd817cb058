import JournalFormat
import Formats
import Time

/// The stderr form of an entry: one readable line with time, level, message and `KEY=value` fields.
///
/// `2026-11-22T16:14:30.061770555Z info image prune reclaimed 9.3 MB RECLAIMD_RESOURCE=image ...`
/// Values are escaped so one entry is always one line: `\n`, `\t`, `\\`, `\"`, other control or non-UTF-8 bytes
/// as `\xNN`; a value with spaces is quoted. Built as bytes (`append`): with `--log-target stderr` it is written
/// once per event.
public enum StderrEntryFormat {
    public static func line(_ entry: JournalEntry) -> String {
        var bytes: [UInt8] = []
        append(entry, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the line's UTF-8 bytes, without its newline.
    public static func append(_ entry: JournalEntry, to bytes: inout [UInt8]) {
        entry.time.appendRFC3339(to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: entry.priority.name.utf8)
        bytes.append(UInt8(ascii: " "))
        var message = entry.message
        message.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), quoteSpaces: false, to: &bytes) }
        if let id = entry.messageID {
            bytes.append(contentsOf: " MESSAGE_ID=".utf8)
            bytes.append(contentsOf: id.hex.utf8)
        }
        entry.forEachField { name, value in
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "="))
            appendEscaped(value, quoteSpaces: true, to: &bytes)
        }
    }

    static func escaped(_ bytes: [UInt8], quoteSpaces: Bool) -> String {
        var out: [UInt8] = []
        bytes.withUnsafeBytes { appendEscaped($0, quoteSpaces: quoteSpaces, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` escaped; in quotes when `quoteSpaces` and it holds a space.
    static func appendEscaped(_ text: UnsafeRawBufferPointer, quoteSpaces: Bool, to out: inout [UInt8]) {
        // Most values are printable ASCII without quotes or backslashes: copied whole.
        if isPlain(text) {
            let quoted = quoteSpaces && text.contains(UInt8(ascii: " "))
            if quoted { out.append(UInt8(ascii: "\"")) }
            out.append(contentsOf: text)
            if quoted { out.append(UInt8(ascii: "\"")) }
            return
        }
        let start = out.count
        var needsQuotes = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: " "):
                out.append(byte)
                needsQuotes = true
            case 0..<0x20, 0x7F: appendHex(byte, to: &out)
            case 0x20..<0x80: out.append(byte)
            default:
                // A multi-byte UTF-8 sequence is kept when valid, else escaped byte by byte.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = index + length
                if length > 1, end <= text.count,
                    String(validating: UnsafeRawBufferPointer(rebasing: text[index..<end]), as: UTF8.self) != nil
                {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[index..<end]))
                    index = end
                    continue
                }
                appendHex(byte, to: &out)
            }
            index += 1
        }
        if needsQuotes && quoteSpaces {
            out.insert(UInt8(ascii: "\""), at: start)
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Whether every byte is printable ASCII other than `"` and `\` (spaces included): eight at a time.
    static func isPlain(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let base = text.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var offset = 0
        var found: UInt64 = 0
        while offset + 8 <= text.count {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let deletes = word ^ (ones &* 0x7F)
            found |= word | (word &- ones &* 0x20) & ~word
            found |= (quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | (deletes &- ones) & ~deletes
            offset += 8
        }
        if found & (ones &* 0x80) != 0 { return false }
        while offset < text.count {
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            if byte < 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x5C { return false }
            offset += 1
        }
        return true
    }

    private static func appendHex(_ byte: UInt8, to out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
