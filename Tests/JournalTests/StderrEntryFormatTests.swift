import JournalFormat
import Formats
import Time
import Journal
import Testing

@Suite("stderr form of an entry")
struct StderrEntryFormatTests {
    @Test("one line: time, level, message, KEY=value fields, escaped")
    func line() {
        var entry = JournalEntry(
            message: "image prune reclaimed 9.3 MB", priority: .info, messageID: .eventReceived,
            time: Timestamp(nanoseconds: 1_795_364_605_762_178_784))
        entry.add("resource", "image")
        entry.add("output", "two\nlines and \"quotes\"")
        entry.add("raw", bytes: [0x41, 0x00, 0xFF, 0xC3, 0xBC, 0x7F])
        #expect(
            StderrEntryFormat.line(entry)
                == #"2026-11-22T16:23:25.762178784Z info image prune reclaimed 9.3 MB MESSAGE_ID=cc7a67629954462bba7eb086f983131e RECLAIMD_RESOURCE=image RECLAIMD_OUTPUT="two\nlines and \"quotes\"" RECLAIMD_RAW=A\x00\xffü\x7f"#
        )
        #expect(!StderrEntryFormat.line(entry).contains("\n"))
    }

    @Test("MESSAGE_IDs are 32 lowercase hex digits and distinct")
    func messageIDs() {
        #expect(Set(MessageID.all.map(\.hex)).count == MessageID.all.count)
        for id in MessageID.all {
            #expect(MessageID(hex: id.hex.uppercased()) == id)
        }
        #expect(MessageID(hex: "xyz") == nil)
    }
}
