import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@Suite("Event stream, on recorded real streams")
struct EventStreamDecoderTests {
    private func decodeAll(_ bytes: [UInt8], engine: EngineKind) -> [EventStreamDecoder.Item] {
        var decoder = EventStreamDecoder(engine: engine)
        return decoder.feed(bytes) + decoder.finish()
    }

    private func events(_ items: [EventStreamDecoder.Item]) -> [ReclaimEvent] {
        items.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }

    @Test("Docker 20.10: a system prune's five events with the engine's exact bytes")
    func dockerLifecycle() throws {
        let items = decodeAll(try Fixture.bytes("docker-20.10-lifecycle.ndjson"), engine: .docker)
        #expect(items.count == 26, "no warnings, every line an event")
        let prunes = events(items).filter(\.isPrune)
        #expect(prunes.map(\.resource) == ["container", "network", "volume", "image", "builder"])
        #expect(prunes.map(\.reclaimedBytes) == [2_097_152, 0, 3_145_728, 9_322_288, 0])
        #expect(prunes.allSatisfy { $0.source == "docker" })
        #expect(prunes[3].time == Timestamp(nanoseconds: 1_795_364_605_762_178_784))
    }

    @Test("Podman 4.3: volume prune per volume, no reclaimed, remove and untag/delete pass through")
    func podmanLifecycle() throws {
        let items = decodeAll(try Fixture.bytes("podman-4.3-lifecycle.ndjson"), engine: .podman)
        let all = events(items)
        #expect(all.count == 8)
        #expect(items.count == 8, "Podman's missing reclaimed is not warned about")
        let prunes = all.filter(\.isPrune)
        #expect(prunes.count == 1)
        #expect(prunes.first?.resource == "volume")
        #expect(prunes.first?.reclaimedBytes == nil)
        #expect(prunes.first?.attributes["name"] == "pdata")
        #expect(all.map(\.action).contains("remove"))
        #expect(all.map(\.action).contains("untag"))
    }

    @Test("a malformed line is skipped with a warning and the stream goes on")
    func malformedLineInStream() {
        let first = Array(
            #"{"Type":"volume","Action":"prune","Actor":{"Attributes":{"reclaimed":"1"}},"timeNano":1}"#.utf8)
        let stream =
            first + Array("\n{broken\n".utf8)
            + Array(#"{"Type":"volume","Action":"prune","Actor":{"Attributes":{"reclaimed":"2"}},"timeNano":2}"#.utf8)
            + [10]
        let items = decodeAll(stream, engine: .docker)
        #expect(events(items).map(\.reclaimedBytes) == [1, 2])
        let warnings = items.compactMap { if case .warning(let text) = $0 { text } else { nil } }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("at byte \(first.count + 1) ") == true)
        #expect(warnings.first?.contains("{broken") == true)
    }

    /// The recorded raw HTTP response, chunked framing and all, through NIO's HTTP decoder and our framer.
    private func decodeRawHTTP(_ raw: [UInt8], splits: [Int]) throws -> [ReclaimEvent] {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHTTPClientHandlers()
        // The decoder matches the response to a request, as on a real connection.
        try channel.writeOutbound(
            HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/v1.41/events")))
        try channel.writeOutbound(HTTPClientRequestPart.end(nil))
        var decoder = EventStreamDecoder(engine: .docker)
        var found: [ReclaimEvent] = []
        func drain() throws {
            while let part = try channel.readInbound(as: HTTPClientResponsePart.self) {
                if case .body(let buffer) = part {
                    found += events(buffer.withUnsafeReadableBytes { decoder.feed($0) })
                }
            }
        }
        var start = 0
        for end in splits + [raw.count] {
            try channel.writeInbound(ByteBuffer(bytes: raw[start..<end]))
            try drain()
            start = end
        }
        found += events(decoder.finish())
        // The recording was cut while the stream was open, so the end of input is an unexpected EOF, as when
        // an engine goes away mid-stream.
        #expect(throws: HTTPParserError.invalidEOFState) { try channel.finish() }
        return found
    }

    @Test("raw chunked HTTP: the same events for every split point of the byte stream")
    func rawHTTPEverySplit() throws {
        let raw = try Fixture.bytes("docker-20.10-events-raw-http.txt")
        let whole = try decodeRawHTTP(raw, splits: [])
        #expect(whole.map(\.resource) == ["volume", "image"])
        #expect(whole.map(\.reclaimedBytes) == [0, 6_176_560])
        for split in 1..<raw.count {
            #expect(try decodeRawHTTP(raw, splits: [split]) == whole, "split at \(split)")
        }
        #expect(try decodeRawHTTP(raw, splits: Array(1..<raw.count)) == whole, "one byte at a time")
    }

    @Test("event JSON has exactly the documented keys, in order")
    func eventJSON() throws {
        let items = decodeAll(try Fixture.bytes("docker-20.10-lifecycle.ndjson"), engine: .docker)
        let image = try #require(events(items).first { $0.isPrune && $0.resource == "image" })
        #expect(
            image.json
                == #"{"time":"2026-11-22T16:23:25.762178784Z","time_nano":1795364605762178784,"engine":"docker","resource":"image","action":"prune","kind":"prune","reclaimed_bytes":9322288,"actor_id":"","attributes":{"reclaimed":"9322288"}}"#
        )
    }

    /// Issue 11: `time` far before 1677 saturates to the earliest nanosecond, whose formatting trapped (SIGILL) in
    /// the JSON and the bad-bytes warning; a `reclaimd events` fed this line by an engine died.
    @Test("an event time beyond Int64 nanoseconds decodes, warns and prints (it used to trap)")
    func farTimes() throws {
        let stream = Array(
            ("""
            {"Type":"volume","Action":"prune","Actor":{"Attributes":{"reclaimed":"x"}},"time":-99999999999}
            {"Type":"image","Action":"prune","Actor":{"Attributes":{"reclaimed":"1"}},"timeNano":-9223372036854775808}
            {"Type":"image","Action":"prune","time":99999999999}

            """).utf8)
        let items = decodeAll(stream, engine: .docker)
        let decoded = events(items)
        #expect(decoded.map(\.time) == [.earliest, .earliest, .latest])
        #expect(
            decoded.map(\.json).allSatisfy {
                $0.contains(#""time":"1677-09-21T00:12:43.145224192Z""#)
                    || $0.contains(#""time":"2262-04-11T23:47:16.854775807Z""#)
            })
        let warnings = items.compactMap { if case .warning(let text) = $0 { text } else { nil } }
        #expect(
            warnings == [
                "volume prune at 1677-09-21T00:12:43.145224192Z has reclaimed \"x\", which is not a count of bytes; bytes unknown",
                "image prune at 2262-04-11T23:47:16.854775807Z has no reclaimed attribute; bytes unknown",
            ])
    }
}
