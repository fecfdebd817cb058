@testable import Journal
import JournalFormat
import Logging
import Synchronization
import Testing

/// Captures what a sink would send, to check the handler's mapping without a journald.
final class CapturedSends: Sendable {
    let entries = Mutex<[[[UInt8]]]>([])
    func sink(queueLimit: Int = 1000) -> JournalSink {
        JournalSink(
            target: .journal, identifier: "reclaimd", queueLimit: queueLimit, stderr: LineWriter(descriptor: -1)
        ) { fields in
            self.entries.withLock { $0.append(fields) }
            return 0
        }
    }

    /// The last entry as `NAME` → value.
    var last: [String: String] {
        let fields = entries.withLock { $0.last } ?? []
        var result: [String: String] = [:]
        for field in fields {
            let text = String(decoding: field, as: UTF8.self)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
        }
        return result
    }
}

@Suite("JournalLogHandler")
struct JournalLogHandlerTests {
    @Test("writes MESSAGE, PRIORITY, identifier, code location and metadata as RECLAIMD_ fields")
    func mapping() {
        let captured = CapturedSends()
        let sink = captured.sink()
        var logger = Logger(label: "test") { _ in JournalLogHandler(sink: sink, logLevel: .debug) }
        logger[metadataKey: "rule"] = "trim"
        logger.warning(
            "something happened", metadata: ["request-id": "42", "message_id": "cc7a67629954462bba7eb086f983131e"])
        sink.flush()
        let fields = captured.last
        #expect(fields["MESSAGE"] == "something happened")
        #expect(fields["PRIORITY"] == "4")
        #expect(fields["SYSLOG_IDENTIFIER"] == "reclaimd")
        #expect(fields["MESSAGE_ID"] == "cc7a67629954462bba7eb086f983131e")
        #expect(fields["RECLAIMD_RULE"] == "trim")
        #expect(fields["RECLAIMD_REQUEST_ID"] == "42")
        #expect(fields["CODE_FILE"]?.hasSuffix("JournalLogHandlerTests.swift") == true)
        #expect(fields["CODE_FUNC"] == "mapping()")
        #expect(Int(fields["CODE_LINE"] ?? "") ?? 0 > 0)
    }

    @Test("maps every level to its syslog priority")
    func priorities() {
        let expected: [(Logger.Level, Int)] = [
            (.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
        ]
        for (level, priority) in expected {
            #expect(JournalLogHandler.priority(of: level).rawValue == priority)
        }
    }

    @Test("entries under the level are not written")
    func filtersByLevel() {
        let captured = CapturedSends()
        let sink = captured.sink()
        let logger = Logger(label: "test") { _ in JournalLogHandler(sink: sink, logLevel: .info) }
        logger.debug("hidden")
        logger.info("shown")
        sink.flush()
        #expect(captured.entries.withLock { $0.count } == 1)
    }
}
