import JournalFormat
import Glibc
import Journal
import Testing

@Suite("LineWriter")
struct LineWriterTests {
    /// A pipe whose read end does not block; its write end holds `capacity` bytes (`F_SETPIPE_SZ`, 1031 on Linux).
    private func makePipe(capacity: Int32 = 1 << 20) throws -> [Int32] {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(ends[1], 1031, capacity)
        return ends
    }

    /// What is readable from `descriptor` now, without waiting.
    private func readable(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("buffered lines wait for flush; an unbuffered line writes them first, in order")
    func buffering() throws {
        let ends = try makePipe()
        defer { close(ends[0]); close(ends[1]) }
        let writer = LineWriter(descriptor: ends[1])
        writer.writeLine("one", buffered: true)
        writer.writeLine("two", buffered: true)
        #expect(readable(ends[0]) == "")
        writer.writeLine("three")
        #expect(readable(ends[0]) == "one\ntwo\nthree\n")
        writer.writeLine("four", buffered: true)
        writer.appendLine { $0 += Array("five".utf8) }
        writer.flush()
        #expect(readable(ends[0]) == "four\nfive\n")
    }

    @Test("buffered lines go out by themselves past the buffer limit")
    func limit() throws {
        let ends = try makePipe()
        defer { close(ends[0]); close(ends[1]) }
        let writer = LineWriter(descriptor: ends[1])
        let line = String(repeating: "x", count: 1023)
        for _ in 0..<(LineWriter.bufferLimit / 1024) { writer.writeLine(line, buffered: true) }
        #expect(readable(ends[0]).utf8.count == LineWriter.bufferLimit)
    }
}
