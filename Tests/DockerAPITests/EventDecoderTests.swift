import DockerAPI
import EngineAdapter
import Formats
import Time
import Testing

@Suite("EventDecoder")
struct EventDecoderTests {
    private func decode(_ text: String, offset: Int = 0) throws(MalformedEventLine) -> EngineEvent {
        try EventDecoder.decode(Array(text.utf8), offset: offset)
    }

    @Test("reads type, action, actor, attributes and nanosecond time")
    func decodesDockerEvent() throws {
        let event = try decode(
            #"{"status":"prune","Type":"image","Action":"prune","Actor":{"ID":"","Attributes":{"reclaimed":"9322288"}},"scope":"local","time":1795364605,"timeNano":1795364605762178784}"#
        )
        #expect(
            event
                == EngineEvent(
                    type: "image", action: "prune", actorID: "", attributes: ["reclaimed": "9322288"],
                    time: Timestamp(nanoseconds: 1_795_364_605_762_178_784), scope: "local"))
    }

    @Test("falls back to time in seconds and to the legacy status and id fields")
    func fallbacks() throws {
        let event = try decode(#"{"status":"die","id":"abc","time":1795364605}"#)
        #expect(event.type == "container")
        #expect(event.action == "die")
        #expect(event.actorID == "abc")
        #expect(event.time == Timestamp(seconds: 1_795_364_605))
    }

    @Test("passes unknown types, actions and fields through; keeps non-string attributes as text")
    func unknownsPassThrough() throws {
        let event = try decode(
            #"{"Type":"plugin","Action":"exec_start: sh -c x","Future":{"x":[1,2]},"Actor":{"ID":"p","Attributes":{"n":42,"f":true,"z":null,"o":{"a":1}}},"timeNano":5}"#
        )
        #expect(event.type == "plugin")
        #expect(event.action == "exec_start: sh -c x")
        #expect(event.attributes == ["n": "42", "f": "true", "z": "null", "o": "<structured value>"])
    }

    @Test(
        "rejects lines that are not events, naming the offset and quoting the start",
        arguments: [
            ("not json", "not a JSON event object"),
            ("[1,2]", "not a JSON event object"),
            (#"{"Type":"image","timeNano":1}"#, "no Action"),
            (#"{"Action":"prune","timeNano":1}"#, "no Type"),
            (#"{"Type":"image","Action":"prune"}"#, "no time or timeNano"),
            (#"{"Type":"image","Action":"prune","timeNano":"soon"}"#, "not a JSON event object"),
        ])
    func rejects(line: String, reason: String) {
        #expect(throws: MalformedEventLine(offset: 1234, excerpt: line, reason: reason)) {
            try decode(line, offset: 1234)
        }
    }

    @Test("shortens the excerpt of a long bad line")
    func excerpt() {
        let line = String(repeating: "y", count: 500)
        do {
            _ = try decode(line, offset: 7)
            Issue.record("decoded a bad line")
        } catch {
            #expect(error.excerpt == String(repeating: "y", count: 80) + "…")
            #expect(error.description.contains("at byte 7"))
        }
    }
}
