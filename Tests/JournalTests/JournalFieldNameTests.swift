import JournalFormat
import Journal
import Testing

@Suite("Journal field names")
struct JournalFieldNameTests {
    @Test(
        "every key becomes a name journald keeps",
        arguments: [
            ("resource", "RECLAIMD_RESOURCE"),
            ("request-id", "RECLAIMD_REQUEST_ID"),
            ("lower_key", "RECLAIMD_LOWER_KEY"),
            ("Mixed.Case key", "RECLAIMD_MIXED_CASE_KEY"),
            ("_leading", "RECLAIMD__LEADING"),
            ("9lives", "RECLAIMD_9LIVES"),
            ("ünïcode", "RECLAIMD__N_CODE"),
            ("", "RECLAIMD_"),
            ("reclaimd_rule", "RECLAIMD_RULE"),
            ("RECLAIMD_STREAM", "RECLAIMD_STREAM"),
        ])
    func normalizes(key: String, expected: String) {
        let name = JournalFieldName.project(key)
        #expect(name == expected)
        #expect(JournalFieldName.isValid(name))
    }

    @Test("long keys are cut to journald's 64-byte limit")
    func truncates() {
        let name = JournalFieldName.project(String(repeating: "k", count: 200))
        #expect(name.utf8.count == 64)
        #expect(JournalFieldName.isValid(name))
    }

    @Test(
        "knows what journald rejects",
        arguments: ["lower", "_UNDERSCORE", "1DIGIT", "HAS-DASH", "", String(repeating: "A", count: 65)])
    func invalid(name: String) {
        #expect(!JournalFieldName.isValid(name))
    }
}
