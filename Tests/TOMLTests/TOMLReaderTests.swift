import TOML
import Testing

@Suite("TOML reader")
struct TOMLReaderTests {
    private func parse(_ source: String) throws -> TOMLTable {
        try TOMLReader.parse(source)
    }

    private func error(_ source: String) -> String? {
        do {
            _ = try TOMLReader.parse(source)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("values: strings with every escape, literal and multi-line strings, numbers, booleans, arrays, inline tables")
    func values() throws {
        let root = try parse(
            #"""
            basic = "tab\there \"quoted\" \\ \u00e9 \U0001F600 \b\f\r\n"
            literal = 'C:\path\no escapes'
            multi = """
            first\
                   second
            third"""
            multiLiteral = '''
            raw \n line
            '''
            quotes = """ends with ""quotes"""""
            decimal = +1_000
            negative = -17
            hex = 0xDEAD_beef
            octal = 0o755
            binary = 0b1010
            zero = 0
            float = 6.626e-34
            fraction = -0.5
            infinity = -inf
            yes = true
            no = false
            list = [ "a", 'b', # a comment
              "c", ]  # trailing comma
            nested = [[1, 2], ["x"]]
            empty = []
            inline = { KEY = "value", other.dotted = 2 }
            "quoted key" = 1
            'literal key' = 2
            """#)
        #expect(root["basic"]?.value.string == "tab\there \"quoted\" \\ é 😀 \u{8}\u{c}\r\n")
        #expect(root["literal"]?.value.string == #"C:\path\no escapes"#)
        #expect(root["multi"]?.value.string == "firstsecond\nthird")
        #expect(root["multiLiteral"]?.value.string == "raw \\n line\n")
        #expect(root["quotes"]?.value.string == #"ends with ""quotes"""#)
        #expect(root["decimal"]?.value.integer == 1000)
        #expect(root["negative"]?.value.integer == -17)
        #expect(root["hex"]?.value.integer == 0xDEAD_BEEF)
        #expect(root["octal"]?.value.integer == 0o755)
        #expect(root["binary"]?.value.integer == 10)
        #expect(root["zero"]?.value.integer == 0)
        if case .float(let value)? = root["float"]?.value { #expect(value == 6.626e-34) } else { Issue.record("float") }
        if case .float(let value)? = root["fraction"]?.value {
            #expect(value == -0.5)
        } else {
            Issue.record("fraction")
        }
        if case .float(let value)? = root["infinity"]?.value {
            #expect(value == -.infinity)
        } else {
            Issue.record("inf")
        }
        if case .boolean(let value)? = root["yes"]?.value { #expect(value) } else { Issue.record("true") }
        #expect(root["list"]?.value.array?.compactMap(\.string) == ["a", "b", "c"])
        #expect(root["nested"]?.value.array?.count == 2)
        #expect(root["empty"]?.value.array?.isEmpty == true)
        let inline = try #require(root["inline"]?.value.table)
        #expect(inline["KEY"]?.value.string == "value")
        #expect(inline["other"]?.value.table?["dotted"]?.value.integer == 2)
        #expect(root["quoted key"]?.value.integer == 1)
        #expect(root["literal key"]?.value.integer == 2)
        #expect(root.keys.first == "basic" && root.keys.last == "literal key", "keys keep source order")
    }

    @Test("tables, dotted keys and arrays of tables, with the positions of keys, values and headers")
    func tables() throws {
        let root = try parse(
            """
            # comment
            [engine]
            host = "unix:///x"

            [[rule]]
            name = "a"
              [rule.env]
              KEY = "v"

            [[rule]]
            name = "b"

            [a.b.c]
            d = 1
            [a]
            e.f = 2
            [a.b.g]
            """)
        let engine = try #require(root["engine"]?.value.table)
        #expect(engine.position == TOMLPosition(line: 2, column: 1))
        #expect(engine["host"]?.keyPosition == TOMLPosition(line: 3, column: 1))
        #expect(engine["host"]?.valuePosition == TOMLPosition(line: 3, column: 8))
        let rules = try #require(root["rule"]?.value.array)
        #expect(rules.count == 2)
        #expect(
            rules[0].table?["env"]?.value.table?["KEY"]?.value.string == "v", "[rule.env] belongs to the last [[rule]]")
        #expect(rules[0].table?["env"]?.value.table?["KEY"]?.keyPosition == TOMLPosition(line: 8, column: 3))
        #expect(rules[1].table?.position == TOMLPosition(line: 10, column: 1))
        #expect(rules[1].table?["name"]?.value.string == "b")
        let a = try #require(root["a"]?.value.table)
        #expect(a["b"]?.value.table?["c"]?.value.table?["d"]?.value.integer == 1)
        #expect(a["e"]?.value.table?["f"]?.value.integer == 2)
        #expect(a["b"]?.value.table?["g"]?.value.table != nil)
    }

    @Test("columns count characters, not bytes; CRLF and a byte-order mark are fine")
    func positions() throws {
        let root = try parse("\u{FEFF}key = 1\r\nname = \"é\" # ünïcode\r\n\"ä\" = \"x\"\r\n")
        #expect(root["key"]?.keyPosition == TOMLPosition(line: 1, column: 1))
        #expect(root["name"]?.valuePosition == TOMLPosition(line: 2, column: 8))
        #expect(root["ä"]?.valuePosition == TOMLPosition(line: 3, column: 7))
        #expect(error("a = \"é\" b") == "1:9: expected the end of the line after the value, found 'b'")
    }

    @Test("a number has one base prefix, and `_` stands only between two digits of its own base")
    func numberPrefixesAndUnderscores() throws {
        // 0x0b1 is hex 0B1, not 0x followed by a binary 0b1.
        #expect(try parse("n = 0x0b1")["n"]?.value.integer == 0xB1)
        #expect(try parse("n = 0xb_1")["n"]?.value.integer == 0xB1)
        #expect(error("n = 0x0o7") == "1:5: '0x0o7' is not a value (strings need quotes: \"…\")")
        #expect(error("n = 0o0x7") == "1:5: '0o0x7' is not a value (strings need quotes: \"…\")")
        #expect(error("n = 0b0b1") == "1:5: '0b0b1' is not a value (strings need quotes: \"…\")")
        // `e` is a hex digit but not a decimal one: it does not make `_` legal in a float.
        #expect(error("n = 1e_5") == "1:5: '1e_5' is not a value (strings need quotes: \"…\")")
        #expect(error("n = 1_e5") == "1:5: '1_e5' is not a value (strings need quotes: \"…\")")
        #expect(error("n = 1_a") == "1:5: '1_a' is not a value (strings need quotes: \"…\")")
    }

    @Test("read from bytes, a document that is not UTF-8 is refused at the first bad byte")
    func utf8() throws {
        #expect(try TOMLReader.parse(utf8: Array("\u{FEFF}k = \"é\"".utf8))["k"]?.value.string == "é")
        let error = #expect(throws: TOMLSyntaxError.self) {
            try TOMLReader.parse(utf8: Array("a = 1\n# caf".utf8) + [0xE9] + Array("\nb = 2".utf8))
        }
        #expect(error?.description == "2:6: the file is not valid UTF-8 (byte 0xe9)")
    }

    @Test("errors name the line and column and say what is wrong")
    func errors() {
        #expect(error("a = 1\na = 2") == "2:1: a is defined twice (first at line 1)")
        #expect(error("[t]\n[t]") == "2:1: table [t] is defined twice (first at line 1)")
        #expect(error("t = 1\n[t]") == "2:1: [t] conflicts with t defined at line 1")
        #expect(error("[[t]]\n[t]") == "2:1: [t] conflicts with t defined at line 1")
        #expect(error("a.b = 1\na.b.c = 2") == "2:3: a.b is already defined at line 1 and cannot be extended here")
        #expect(error("x = { a = 1 }\n[x.y]") == "2:2: x is already defined at line 1 and cannot be extended here")
        #expect(
            error("[fruit]\napple.color = 1\n[fruit.apple]")
                == "3:1: [fruit.apple] conflicts with fruit.apple defined at line 2")
        #expect(error("name = \"open\nnext = 1") == "1:13: the string is not closed on this line (missing '\"')")
        #expect(error("a = \"\\q\"") == "1:6: unknown escape \\q in a string")
        #expect(error("a = \"\\ x\"") == "1:6: a backslash in a string must start an escape, found ' '")
        #expect(error("a = \"\\u12\"") == "1:6: \\u must be followed by 4 hex digits of a Unicode scalar value")
        #expect(error("a = \"\\uD800\"") == "1:6: \\u must be followed by 4 hex digits of a Unicode scalar value")
        #expect(
            error("when = 2026-11-22T10:00:00Z")
                == "1:8: dates and times are not supported here; write the value as a string")
        #expect(error("day = 1979-05-27") == "1:7: dates and times are not supported here; write the value as a string")
        #expect(error("at = 07:32:00") == "1:6: dates and times are not supported here; write the value as a string")
        #expect(
            error("at = [07:32:00.999]") == "1:7: dates and times are not supported here; write the value as a string")
        #expect(error("size = 1GiB") == "1:8: '1GiB' is not a value (strings need quotes: \"…\")")
        #expect(error("n = 012") == "1:5: '012' is not a value (strings need quotes: \"…\")")
        #expect(error("n = 1__0") == "1:5: '1__0' is not a value (strings need quotes: \"…\")")
        #expect(error("n = .5") == "1:5: '.5' is not a value (strings need quotes: \"…\")")
        #expect(error("a = ") == "1:5: expected a value, found the end of the file")
        #expect(error("a = [1, 2") == "1:10: expected ',' or ']' in the array, found the end of the file")
        #expect(error("e = { a = 1, }") == "1:14: expected a key, found '}'")
        #expect(error("e = { a = 1,\n b = 2 }") == "1:13: expected a key, found the end of the line")
        #expect(error("[rule") == "1:6: expected ']' to close the table header, found the end of the file")
        #expect(error("[[rule]") == "1:7: expected ']]' to close the table header, found ']'")
        #expect(error("key value") == "1:5: expected '=' after the key, found 'v'")
        #expect(error("= 1") == "1:1: expected a key, found '='")
        #expect(error("a = 1\rb = 2") == "1:6: a carriage return must be followed by a line feed")
        #expect(
            error("a = \"x\u{1}y\"") == "1:7: control character 0x1 in a string; write it as an escape such as \\u001F")
        #expect(error("a = \"\"\"never closed") == "1:20: the multi-line string is not closed (missing \"\"\")")
        #expect(error("a = '''open") == "1:12: the multi-line string is not closed (missing ''')")
    }
}

@Suite("TOML reader integer range")
struct TOMLIntegerRangeTests {
    @Test("integers at Int64's ends are read; one past is out of range, not \"not a value\"")
    func ends() throws {
        let root = try TOMLReader.parse(
            "max = 9223372036854775807\nmin = -9223372036854775808\nhex = 0x7FFFFFFFFFFFFFFF\n")
        #expect(root["max"]?.value.integer == Int64.max)
        #expect(root["min"]?.value.integer == Int64.min)
        #expect(root["hex"]?.value.integer == Int64.max)
        for text in [
            "9223372036854775808", "-9223372036854775809", "0x8000000000000000", "1_000_000_000_000_000_000_000",
        ] {
            #expect(throws: TOMLSyntaxError.self) { try TOMLReader.parse("a = \(text)\n") }
            do {
                _ = try TOMLReader.parse("a = \(text)\n")
            } catch {
                #expect(
                    error.description
                        == "1:5: integer \(text) is out of range: TOML integers are 64-bit, -9223372036854775808 to 9223372036854775807"
                )
            }
        }
    }
}

/// Deep nesting used to overflow the stack (SIGSEGV): `reclaimd check` on a 20 KB file of `[`, and an agent
/// reloading one, died instead of reporting FILE:LINE:COLUMN.
@Suite("TOML reader nesting depth")
struct TOMLNestingTests {
    private func message(_ source: String) -> String? {
        do {
            _ = try TOMLReader.parse(source)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("64 levels of arrays, inline tables and dotted keys are read")
    func deepestAccepted() throws {
        let arrays = try TOMLReader.parse(
            "a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        #expect(arrays["a"]?.value.array?.count == 1)
        _ = try TOMLReader.parse("a = " + String(repeating: "{b=", count: 64) + "1" + String(repeating: "}", count: 64))
        _ = try TOMLReader.parse(Array(repeating: "k", count: 64).joined(separator: ".") + " = 1\n")
        _ = try TOMLReader.parse("[" + Array(repeating: "k", count: 64).joined(separator: ".") + "]\n")
    }

    @Test(
        "deeper is a syntax error at the level that is one too deep, however deep the file goes",
        arguments: [10_000, 100_000])
    func deeperRefused(depth: Int) {
        #expect(
            message("a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
                == "1:69: arrays and inline tables may nest at most 64 deep")
        #expect(
            message("a = " + String(repeating: "{b=", count: depth) + "1" + String(repeating: "}", count: depth))
                == "1:197: arrays and inline tables may nest at most 64 deep")
        #expect(
            message(Array(repeating: "k", count: depth).joined(separator: ".") + " = 1\n")
                == "1:129: a dotted key may have at most 64 parts")
        #expect(
            message("[" + Array(repeating: "k", count: depth).joined(separator: ".") + "]\n")
                == "1:130: a dotted key may have at most 64 parts")
    }
}
