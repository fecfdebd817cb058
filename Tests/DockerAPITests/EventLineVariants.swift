import TestSupport

/// Generated event lines for comparing `EventLineParser` with `JSONDecoder`.
enum EventLineVariants {
    private static let base =
        #"{"status":"destroy","id":"abc","from":"bb","Type":"container","Action":"destroy","Actor":{"ID":"abc","Attributes":{"image":"bb","name":"web"}},"scope":"local","time":1795364604,"timeNano":1795364604638389810}"#

    /// Lines written to probe one rule each.
    static let handWritten: [String] = [
        base,
        " \t" + base + " \r",
        base.replacingOccurrences(":", with: " : ").replacingOccurrences(",", with: " ,\t"),
        #"{"Type":"volume","Action":"prune","Actor":{"ID":"","Attributes":{"reclaimed":"3145728"}},"time":1,"timeNano":2}"#,
        #"{"Type":"v\"o\\l\/u\bm\fe\n\r\t","Action":"prune","timeNano":1}"#,
        #"{"Type":"\u0076\u00e9\u4e2d\u0000","Action":"prune","timeNano":1}"#,
        #"{"Type":"\ud83d\ude00","Action":"prune","timeNano":1}"#,
        #"{"Type":"\ud83d","Action":"prune","timeNano":1}"#,
        "{\"Type\":\"vé中😀\",\"Action\":\"prune\",\"timeNano\":1}",
        #"{"\u0054ype":"image","Act\u0069on":"prune","timeNano":1}"#,
        #"{"Actor":{"\u0049D":"x","Attrib\u0075tes":{"k\u00e9y":"v\u00e9"}},"Type":"a","Action":"b","time":3}"#,
        #"{"Type":null,"Action":null,"status":null,"id":null,"Actor":null,"time":null,"timeNano":null,"scope":null}"#,
        #"{"Type":"a","Action":"b","Actor":{"ID":null,"Attributes":null},"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Actor":{},"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Actor":{"Attributes":{}},"timeNano":1}"#,
        #"{}"#, #"{ }"#, #"[]"#, #"null"#, #""x""#, #"{"Type":"a"}{"#, #"{"Type":"a",}"#, #"{"Type" "a"}"#,
        #"{"Type":"a","Action":"b","timeNano":1.0}"#,
        #"{"Type":"a","Action":"b","timeNano":1e3}"#,
        #"{"Type":"a","Action":"b","timeNano":1E+3}"#,
        #"{"Type":"a","Action":"b","timeNano":-0}"#,
        #"{"Type":"a","Action":"b","timeNano":-5}"#,
        #"{"Type":"a","Action":"b","timeNano":01}"#,
        #"{"Type":"a","Action":"b","timeNano":9223372036854775807}"#,
        #"{"Type":"a","Action":"b","timeNano":9223372036854775808}"#,
        #"{"Type":"a","Action":"b","timeNano":-9223372036854775808}"#,
        #"{"Type":"a","Action":"b","timeNano":-9223372036854775809}"#,
        #"{"Type":"a","Action":"b","timeNano":"1"}"#,
        #"{"Type":5,"Action":"b","timeNano":1}"#,
        #"{"Type":"a","Action":true,"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Actor":"x","timeNano":1}"#,
        #"{"Type":"a","Action":"b","Actor":{"Attributes":[]},"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Actor":{"Attributes":{"n":42,"f":true,"z":null,"o":{"a":1},"d":1.5,"e":1e3}},"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Type":"c","timeNano":1}"#,
        #"{"Type":"a","Action":"b","timeNano":1,"timeNano":2}"#,
        #"{"Type":"a","Action":"b","Actor":{"Attributes":{"k":"1","k":"2"}},"timeNano":1}"#,
        #"{"Type":"a","Action":"b","x":1,"x":2,"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":{"x":[1,2,{"y":null}],"z":[],"w":{}},"n":-1.5e-7,"t":true,"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":[1,2,],"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":tru,"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":-,"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":1.,"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":.5,"timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":"\x","timeNano":1}"#,
        #"{"Type":"a","Action":"b","Future":"\u12","timeNano":1}"#,
        "{\"Type\":\"a\tb\",\"Action\":\"b\",\"timeNano\":1}",
        "{\"Type\":\"a\u{7F}b\",\"Action\":\"b\",\"timeNano\":1}",
        #"{"Type":"a","Action":"b","Future":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
            + #","timeNano":1}"#,
        "\u{FEFF}" + #"{"Type":"a","Action":"b","timeNano":1}"#,
    ]

    /// Characters that matter to JSON, for mutations.
    private static let alphabet: [[UInt8]] = [
        "{", "}", "[", "]", "\"", ":", ",", "\\", " ", "0", "1", "-", ".", "e", "n", "t", "u", "a", "\u{0}", "\n",
        "é", "\\u00e9", "\\\"", "null", "true", "\"x\"", "1e5", "\\ud83d",
    ].map { Array($0.utf8) }

    /// `line` with one to three random edits: a byte replaced, inserted or deleted.
    static func mutate(_ line: [UInt8], using random: inout SplitMix) -> [UInt8] {
        var out = line
        for _ in 0..<Int.random(in: 1...3, using: &random) where !out.isEmpty {
            let at = Int.random(in: 0..<out.count, using: &random)
            let piece = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            switch Int.random(in: 0..<3, using: &random) {
            case 0: out.replaceSubrange(at...at, with: piece)
            case 1: out.insert(contentsOf: piece, at: at)
            default: out.remove(at: at)
            }
        }
        return out
    }
}

private extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
