import TOML
import Testing

/// The conformance test is only as strict as its comparison: these check that it tells apart what must differ.
@Suite("Tagged JSON comparison")
struct TaggedJSONTests {
    private func json(_ text: String) throws -> TaggedJSON {
        try TaggedJSON(json: Array(text.utf8))
    }

    @Test("types, values and nesting must all match; key order and how a float is written need not")
    func comparison() throws {
        let document = try TaggedJSON(TOMLReader.parse("a = 1\nb = [1.5, 'x']\n[t]\nc = nan\nd = -inf"))
        let expected = try json(
            """
            {"t": {"d": {"type": "float", "value": "-inf"}, "c": {"type": "float", "value": "nan"}},
             "b": [{"type": "float", "value": "15e-1"}, {"type": "string", "value": "x"}],
             "a": {"type": "integer", "value": "1"}}
            """)
        #expect(document == expected)
        #expect(
            try json(#"{"a": {"type": "integer", "value": "1"}}"#) != json(#"{"a": {"type": "float", "value": "1.0"}}"#)
        )
        #expect(
            try json(#"{"a": {"type": "integer", "value": "1"}}"#) != json(#"{"a": {"type": "integer", "value": "2"}}"#)
        )
        #expect(
            try json(#"{"a": {"type": "string", "value": "1"}}"#) != json(#"{"a": {"type": "integer", "value": "1"}}"#))
        #expect(try json(#"{"a": [], "b": {}}"#) != json(#"{"a": [], "b": {}, "c": {}}"#))
        #expect(try json(#"{"a": [{}]}"#) != json(#"{"a": [{}, {}]}"#))
        #expect(
            try json(#"{"a": {"type": "float", "value": "inf"}}"#)
                != json(#"{"a": {"type": "float", "value": "-inf"}}"#))
    }

    @Test("an object is a scalar only when it has exactly a string type and a string value")
    func scalarsAndTables() throws {
        let table = try json(#"{"type": {"type": "string", "value": "t"}, "value": {"type": "integer", "value": "2"}}"#)
        #expect(table == .table(["type": .string("t"), "value": .integer(2)]))
        #expect(
            try json(#"{"type": "date-local", "value": "1979-05-27"}"#)
                == .dateTime(type: "date-local", value: "1979-05-27"))
        #expect(try json(#"{"a": [{"b": {"type": "time-local", "value": "07:32:00"}}]}"#).containsDateTime)
        #expect(try !json(#"{"a": [{"b": {"type": "string", "value": "07:32:00"}}]}"#).containsDateTime)
        #expect(throws: TaggedJSONError.self) { try json(#"{"a": {"type": "integer", "value": "x"}}"#) }
    }
}
