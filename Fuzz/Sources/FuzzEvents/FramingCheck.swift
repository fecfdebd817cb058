import Formats
import Time
import FuzzSupport

/// `LineFramer` against a reference splitter: fed in arbitrary chunks, it must find exactly the lines a plain
/// split at `\n` finds, with their stream offsets, the `\r` of CRLF removed, empty lines skipped, and lines over
/// the limit reported as oversized with their length (so a warning's "at byte N" points at the line).
enum FramingCheck {
    static func check(_ input: FuzzInput) {
        // A limit small enough that inputs exercise both kept and oversized lines.
        let limit = Int(input.seed % 97) + 1
        var framer = LineFramer(limit: limit)
        var found: [LineFramer.Output] = []
        var start = 0
        for size in input.chunkSizes(maximum: 13) {
            framer.append(input.bytes[start..<start + size], to: &found)
            start += size
        }
        framer.finish(into: &found)
        let expected = reference(input.bytes, limit: limit)
        invariant(found == expected, "framing differs from the reference (limit \(limit)): \(found) vs \(expected)")
    }

    /// What the framer promises, written the obvious way.
    static func reference(_ bytes: [UInt8], limit: Int) -> [LineFramer.Output] {
        var outputs: [LineFramer.Output] = []
        var offset = 0
        for segment in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            defer { offset += segment.count + 1 }
            if segment.count > limit {
                outputs.append(.oversized(offset: offset, length: segment.count))
                continue
            }
            let line = segment.last == UInt8(ascii: "\r") ? segment.dropLast() : segment[...]
            if !line.isEmpty {
                outputs.append(.line(offset: offset, bytes: Array(line)))
            }
        }
        return outputs
    }
}
