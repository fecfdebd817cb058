import JournalFormat
import AgentCore
import AgentRuntime
import DockerAPI
import EngineAdapter
import Foundation
@testable import Journal
import Logging
import Systemd
import Testing

extension Integration {
    /// The journal layer against the machine's real systemd-journald.
    @Suite("journal against a real journald", .timeLimit(.minutes(5)))
    struct JournalTests {
        private func runID() -> String { UUID().uuidString.lowercased() }

        /// A sink on the real journal whose stderr fallback goes to a file the test reads. Its SYSLOG_IDENTIFIER is
        /// `identifier`, so that entries the sink writes by itself (the notice when the journal takes entries again)
        /// can be told from an earlier test's.
        private func fileBackedSink(
            queueLimit: Int, identifier: String = "reclaimd"
        ) throws -> (sink: JournalSink, stderrFile: String, descriptor: Int32) {
            let stderrFile = try makeScratchDirectory("rdj") + "/stderr"
            let descriptor = open(stderrFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            let sink = JournalSink(
                target: .journal, identifier: identifier, queueLimit: queueLimit,
                stderr: LineWriter(descriptor: descriptor), send: { SystemJournal.send($0) })
            return (sink, stderrFile, descriptor)
        }

        @Test("every field arrives with its value: normalized keys, newlines and binary bytes intact, via both readers")
        func fieldsRoundTrip() async throws {
            try await Journald.ensureRunning()
            let run = runID()
            let sink = JournalSink(target: .journal)
            let logger = Logger(label: "t") { _ in JournalLogHandler(sink: sink) }
            logger.notice(
                "line one\nline two",
                metadata: ["test_run": "\(run)", "request-id": "42", "Mixed.Case key": "v", "lower_key": "w"])
            var entry = JournalEntry(message: "binary", priority: .warning)
            entry.add("test_run", run)
            entry.add("raw", bytes: [0, 1, 2, 255, 10, 65])
            sink.write(entry)
            #expect(sink.flush(timeout: .seconds(10)))
            #expect(sink.statistics.sentToJournal == 2)

            let records = try await Journald.read("RECLAIMD_TEST_RUN=\(run)", atLeast: 2)
            let logged = try #require(records.first { $0.string("MESSAGE") == "line one\nline two" })
            #expect(logged.string("PRIORITY") == "5")
            #expect(logged.string("SYSLOG_IDENTIFIER") == "reclaimd")
            #expect(logged.string("RECLAIMD_REQUEST_ID") == "42")
            #expect(logged.string("RECLAIMD_MIXED_CASE_KEY") == "v")
            #expect(logged.string("RECLAIMD_LOWER_KEY") == "w")
            #expect(logged.string("CODE_FUNC") == "fieldsRoundTrip()")
            let binary = try #require(records.first { $0.string("MESSAGE") == "binary" })
            #expect(binary.bytes("RECLAIMD_RAW") == [0, 1, 2, 255, 10, 65])

            // journalctl sees the same: text as strings, binary values as byte arrays.
            let json = try Shell.succeed(
                "journalctl -o json --no-pager SYSLOG_IDENTIFIER=reclaimd RECLAIMD_TEST_RUN=\(run)")
            let objects = try json.split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            #expect(objects.count == 2)
            let fromJournalctl = try #require(
                objects.first { ($0?["MESSAGE"] as? String) == "line one\nline two" } ?? nil)
            #expect(fromJournalctl["RECLAIMD_REQUEST_ID"] as? String == "42")
            #expect(fromJournalctl["RECLAIMD_MIXED_CASE_KEY"] as? String == "v")
            let rawFromJournalctl = try #require(objects.first { ($0?["MESSAGE"] as? String) == "binary" } ?? nil)
            #expect((rawFromJournalctl["RECLAIMD_RAW"] as? [Int]) == [0, 1, 2, 255, 10, 65])
        }

        @Test("10,000 entries written in a burst are all readable")
        func burst() async throws {
            try await Journald.ensureRunning()
            let run = runID()
            let sink = JournalSink(target: .journal)
            for index in 0..<10_000 {
                var entry = JournalEntry(message: "burst \(index)")
                entry.add("test_run", run)
                entry.add("index", String(index))
                sink.write(entry)
            }
            #expect(sink.flush(timeout: .seconds(120)))
            #expect(
                sink.statistics
                    == JournalSink.Statistics(sentToJournal: 10_000, fellBackToStderr: 0, writtenToStderr: 0))
            let records = try await Journald.read("RECLAIMD_TEST_RUN=\(run)", atLeast: 10_000, timeout: .seconds(120))
            #expect(Set(records.compactMap { $0.string("RECLAIMD_INDEX") }) == Set((0..<10_000).map(String.init)))
        }

        @Test("journald stopped: no crash, entries go to stderr; started again: entries return to the journal")
        func journaldRestart() async throws {
            try await Journald.ensureRunning()
            let run = runID()
            let identifier = "reclaimd-test-\(run)"
            let (sink, stderrFile, descriptor) = try fileBackedSink(queueLimit: 1000, identifier: identifier)
            defer { close(descriptor) }
            func write(_ name: String) {
                var entry = JournalEntry(message: "entry \(name)")
                entry.add("test_run", run)
                sink.write(entry)
            }
            write("A")
            #expect(sink.flush(timeout: .seconds(10)))
            try await Journald.stop()
            write("B")
            write("C")
            #expect(sink.flush(timeout: .seconds(10)))
            #expect(sink.statistics.fellBackToStderr == 2)
            try await Journald.ensureRunning()
            write("D")
            #expect(sink.flush(timeout: .seconds(10)))

            let stderr = try String(contentsOfFile: stderrFile, encoding: .utf8)
            #expect(stderr.contains("the journal is not taking entries"))
            #expect(stderr.contains("entry B RECLAIMD_TEST_RUN=\(run)"))
            #expect(stderr.contains("entry C RECLAIMD_TEST_RUN=\(run)"))
            let records = try await Journald.read("RECLAIMD_TEST_RUN=\(run)", atLeast: 2)
            #expect(Set(records.compactMap { $0.string("MESSAGE") }) == ["entry A", "entry D"])
            let notices = try await Journald.read(
                "SYSLOG_IDENTIFIER=\(identifier)", "MESSAGE_ID=\(MessageID.journalResumed.hex)", atLeast: 1)
            #expect(notices.count == 1, "the return to the journal is itself journaled")
            #expect(notices.first?.string("RECLAIMD_ENTRIES_ON_STDERR") == "2")
            #expect(sink.statistics.sentToJournal >= 2)
        }

        @Test("journald frozen (SIGSTOP): writing never blocks; what cannot wait goes to stderr, nothing is lost")
        func journaldFrozen() async throws {
            try await Journald.ensureRunning()
            let journald = try #require(Journald.pid)
            let run = runID()
            let (sink, stderrFile, descriptor) = try fileBackedSink(queueLimit: 50)
            defer { close(descriptor) }
            kill(journald, SIGSTOP)
            let total = 5000
            for index in 0..<total {
                var entry = JournalEntry(message: "frozen \(index)")
                entry.add("test_run", run)
                sink.write(entry)
            }
            // Reaching this line at all is the point: 5,000 writes returned while journald could not read.
            kill(journald, SIGCONT)
            #expect(sink.flush(timeout: .seconds(60)))
            let statistics = sink.statistics
            #expect(statistics.fellBackToStderr > 0, "a frozen journald must push entries to stderr")
            let stderrLines = try String(contentsOfFile: stderrFile, encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("RECLAIMD_TEST_RUN=\(run)") }
            #expect(stderrLines.count == statistics.fellBackToStderr)
            // Every entry is in exactly one place: the journal holds all the others.
            let journaled = try await Journald.read("RECLAIMD_TEST_RUN=\(run)", atLeast: total - stderrLines.count)
            #expect(journaled.count + stderrLines.count == total)
            let messages = Set(journaled.compactMap { $0.string("MESSAGE") })
            #expect(stderrLines.allSatisfy { line in !messages.contains { line.contains(" \($0) ") } })
        }
    }
}
