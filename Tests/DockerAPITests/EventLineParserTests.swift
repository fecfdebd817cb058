@testable import DockerAPI
import Testing
import TestSupport

/// The purpose-built event parser against `JSONDecoder`: wherever the parser accepts a line, it must read
/// exactly what `JSONDecoder` reads, byte for byte; the lines it declines go to `JSONDecoder` anyway.
@Suite("EventLineParser agrees with JSONDecoder")
struct EventLineParserTests {
    /// Every line of every recorded stream.
    private func recordedLines() throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for name in ["docker-20.10-lifecycle.ndjson", "podman-4.3-lifecycle.ndjson"] {
            lines += try Fixture.bytes(name).split(separator: UInt8(ascii: "\n")).map(Array.init)
        }
        let raw = try Fixture.text("docker-20.10-events-raw-http.txt")
        lines += raw.split(separator: "\r\n").filter { $0.hasPrefix("{") }.map { Array($0.utf8) }
        return lines
    }

    /// Compares the two readers on one line; returns whether the parser accepted it.
    @discardableResult
    private func agree(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        line.withUnsafeBytes { bytes in
            let slow = JSONEventFallback.fields(bytes)
            guard let fast = try? EventLineParser.parse(bytes) else { return false }
            #expect(
                slow.map(Self.utf8) == Self.utf8(fast), "\(String(decoding: line, as: UTF8.self))",
                sourceLocation: sourceLocation)
            return true
        }
    }

    /// The fields as bytes, so that strings equal only when their UTF-8 does (not merely canonically). The legacy
    /// `id` counts only without `Actor.ID`, the only case it is read.
    private static func utf8(_ fields: EventFields) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let strings = [
            "type": fields.type, "action": fields.action, "status": fields.status,
            "id": fields.actorID == nil ? fields.id : nil, "actorID": fields.actorID, "scope": fields.scope,
        ]
        for (name, value) in strings { out[name] = value.map { Array($0.utf8) } }
        out["time"] = fields.time.map { Array(String($0).utf8) }
        out["timeNano"] = fields.timeNano.map { Array(String($0).utf8) }
        for (name, value) in fields.attributes ?? [:] { out["attribute " + name] = Array(value.utf8) }
        out["attributes"] = fields.attributes.map { _ in [] }
        return out
    }

    @Test("every recorded line is read by the parser, exactly as JSONDecoder reads it")
    func recordedStreams() throws {
        let lines = try recordedLines()
        #expect(lines.count == 26 + 8 + 2)
        for line in lines {
            #expect(agree(line), "declined a recorded line: \(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test("every prefix of every recorded line")
    func truncations() throws {
        for line in try recordedLines() {
            for end in 0..<line.count { agree(Array(line[..<end])) }
        }
    }

    @Test("hand-written variants: escapes, unicode, whitespace, nulls, odd numbers, repeats, wrong types")
    func variants() {
        var accepted = 0
        for text in EventLineVariants.handWritten where agree(Array(text.utf8)) { accepted += 1 }
        #expect(accepted >= 20, "the parser should read most of these itself")
    }

    @Test("seeded random mutations of the recorded lines")
    func mutations() throws {
        var random = SplitMix(seed: 13)
        var accepted = 0
        for line in try recordedLines() {
            for _ in 0..<300 where agree(EventLineVariants.mutate(line, using: &random)) { accepted += 1 }
        }
        #expect(accepted > 500)
    }
}
