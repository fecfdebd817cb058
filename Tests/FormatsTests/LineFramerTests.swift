import Formats
import Time
import Foundation
import Testing

/// A recorded real stream from the engine tests' fixtures.
private func recorded(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DockerAPITests/Fixtures/\(name)")
    return Array(try Data(contentsOf: url))
}

@Suite("LineFramer")
struct LineFramerTests {
    private func frame(_ chunks: [ArraySlice<UInt8>], limit: Int = LineFramer.defaultLimit) -> [LineFramer.Output] {
        var framer = LineFramer(limit: limit)
        var output: [LineFramer.Output] = []
        for chunk in chunks { framer.append(chunk, to: &output) }
        framer.finish(into: &output)
        return output
    }

    @Test("yields the same lines and offsets for every split point of a recorded stream")
    func everySplitPoint() throws {
        let stream = try recorded("docker-20.10-lifecycle.ndjson")
        let whole = frame([stream[...]])
        #expect(whole.count == 26)
        for split in 0...stream.count {
            #expect(frame([stream[..<split], stream[split...]]) == whole, "split at \(split)")
        }
    }

    @Test("yields the same lines when every byte arrives alone")
    func byteByByte() throws {
        let stream = try recorded("podman-4.3-lifecycle.ndjson")
        #expect(frame(stream.map { [$0][...] }) == frame([stream[...]]))
    }

    @Test("handles several lines in one chunk, CRLF, blank lines and a last line without newline")
    func shapes() {
        let text = Array("a\r\n\nbb\nccc".utf8)
        #expect(
            frame([text[...]]) == [
                .line(offset: 0, bytes: Array("a".utf8)),
                .line(offset: 4, bytes: Array("bb".utf8)),
                .line(offset: 7, bytes: Array("ccc".utf8)),
            ])
    }

    @Test("drops a line over the limit, whatever its chunks, and resumes at the next newline")
    func oversized() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 25)
        let stream = Array("ok\n".utf8) + long + Array("\nafter\n".utf8)
        let expected: [LineFramer.Output] = [
            .line(offset: 0, bytes: Array("ok".utf8)),
            .oversized(offset: 3, length: 25),
            .line(offset: 29, bytes: Array("after".utf8)),
        ]
        #expect(frame([stream[...]], limit: 10) == expected)
        for split in 0...stream.count {
            #expect(frame([stream[..<split], stream[split...]], limit: 10) == expected, "split at \(split)")
        }
        // Exactly at the limit is kept.
        #expect(
            frame([Array("0123456789\n".utf8)[...]], limit: 10) == [.line(offset: 0, bytes: Array("0123456789".utf8))])
    }

    @Test("drops an over-limit last line without newline")
    func oversizedAtEnd() {
        let stream = Array("ok\n".utf8) + [UInt8](repeating: 65, count: 11)
        #expect(
            frame([stream[...]], limit: 10) == [
                .line(offset: 0, bytes: Array("ok".utf8)), .oversized(offset: 3, length: 11),
            ])
    }
}
