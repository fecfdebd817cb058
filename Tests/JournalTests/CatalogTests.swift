import JournalFormat
import Foundation
import Journal
import Testing

@Suite("journal catalog")
struct CatalogTests {
    private var catalog: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("packaging/reclaimd.catalog")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test("explains every MESSAGE_ID reclaimd writes, with a subject")
    func coversEveryID() throws {
        let text = try catalog
        let sections = text.components(separatedBy: "\n-- ").dropFirst()
        let ids = sections.map { String($0.prefix(32)) }
        #expect(Set(ids) == Set(MessageID.all.map(\.hex)))
        for section in sections {
            #expect(section.contains("\nSubject: "))
            #expect(section.contains("\nDefined-By: reclaimd"))
        }
    }
}
