import TOML
import Testing

/// Runs every TOML 1.0.0 case of toml-test (`../shared/toml-test`, see its README) through `TOMLReader`.
///
/// Dates and times are the reader's one documented gap, and the only exceptions. They are computed rather than
/// listed by name: a valid case is an exception exactly when its expected JSON holds a `datetime`,
/// `datetime-local`, `date-local` or `time-local` value, and then it must be refused with the message that dates
/// and times are not supported. Every other valid case must decode as expected and every invalid case be refused.
/// A missing corpus fails the tests (`TOMLTestCorpus` throws); it does not skip them.
@Suite("toml-test 1.0.0 conformance")
struct TOMLConformanceTests {
    static let datesUnsupported = "dates and times are not supported"

    @Test("every valid case decodes to its expected tagged JSON; those with dates or times are refused as unsupported")
    func valid() throws {
        let corpus = try TOMLTestCorpus()
        var passed = 0
        var exceptions = 0
        for item in corpus.valid {
            let result = Result { () throws(TOMLSyntaxError) in try TOMLReader.parse(utf8: item.toml) }
            switch (result, item.expected.containsDateTime) {
            case (.success(let table), false):
                let decoded = TaggedJSON(table)
                if decoded == item.expected {
                    passed += 1
                } else {
                    Issue.record("\(item.path): decoded \(decoded)\nexpected \(item.expected)")
                }
            case (.failure(let error), false):
                Issue.record("\(item.path): refused a valid document: \(error)")
            case (.failure(let error), true) where error.message.contains(Self.datesUnsupported):
                exceptions += 1
            case (.failure(let error), true):
                Issue.record("\(item.path): has dates or times, but was refused for another reason: \(error)")
            case (.success, true):
                Issue.record("\(item.path): has dates or times, which the reader should refuse as unsupported")
            }
        }
        print(
            "toml-test 1.0.0 valid cases: \(passed) decoded as expected, \(exceptions) refused for dates or times, of \(corpus.valid.count)"
        )
        #expect(passed + exceptions == corpus.valid.count)
        #expect(!corpus.valid.isEmpty)
    }

    @Test("every invalid case is refused, with a line and column inside the document")
    func invalid() throws {
        let corpus = try TOMLTestCorpus()
        var refused = 0
        for item in corpus.invalid {
            do {
                let table = try TOMLReader.parse(utf8: item.toml)
                Issue.record("\(item.path): accepted an invalid document as \(TaggedJSON(table))")
            } catch {
                let lines = item.toml.count { $0 == 0x0A } + 1
                if (1...lines).contains(error.position.line), error.position.column >= 1 {
                    refused += 1
                } else {
                    Issue.record(
                        "\(item.path): refused at \(error.position.line):\(error.position.column), outside the document: \(error)"
                    )
                }
            }
        }
        print("toml-test 1.0.0 invalid cases: \(refused) refused with a position, of \(corpus.invalid.count)")
        #expect(refused == corpus.invalid.count)
        #expect(!corpus.invalid.isEmpty)
    }
}
