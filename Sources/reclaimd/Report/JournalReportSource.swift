import Formats
import Time
import Report
import Systemd

/// Where `report` reads: this machine's journal or a directory of journal files, narrowed to reclaimd's entries,
/// the window and the user's matches, handed to the pure `ReportBuilder` as records.
struct JournalReportSource {
    /// A journal directory (`--directory`); nil for this machine's journal.
    var directory: String?
    /// `FIELD=value` matches added to reclaimd's own.
    var matches: [String]

    /// Why the journal could not be read, in words for the one line on stderr.
    struct Failure: Error {
        var message: String
    }

    /// Reads the window's entries into `builder`.
    func read(into builder: inout ReportBuilder, since: Timestamp?) throws(Failure) {
        let reader = try open()
        do {
            if let since {
                try reader.seek(realtimeMicroseconds: UInt64(clamping: since.nanoseconds / 1000))
            }
            while let record = try reader.next() {
                if let converted = Self.record(record) { builder.add(converted) }
            }
        } catch {
            throw Failure(message: "cannot read the journal\(location): \(error)")
        }
    }

    private var location: String {
        directory.map { " in \($0)" } ?? ""
    }

    /// Opens the journal, which must hold journal files this user may read: sd-journal opens a directory without
    /// any (or a journal only root may read) as an empty journal, and a wrong path or missing permission should not
    /// look like a quiet week.
    private func open() throws(Failure) -> JournalReader {
        let all = ReportBuilder.journalMatches + matches
        let reader: JournalReader
        let usage: UInt64
        do {
            if let directory {
                reader = try JournalReader(directory: directory, matches: all)
            } else {
                reader = try JournalReader(matches: all)
            }
            usage = try reader.diskUsage()
        } catch {
            throw Failure(message: "cannot open the journal: \(error)")
        }
        guard usage == 0 else { return reader }
        if let directory { throw Failure(message: "no journal files in \(directory)") }
        throw Failure(
            message:
                "no journal files readable in /var/log/journal or /run/log/journal (reading them needs root or the systemd-journal group)"
        )
    }

    /// The entry's time and its text fields; nil for an entry without a time, which no window can hold.
    static func record(_ record: JournalRecord) -> ReportRecord? {
        guard let microseconds = record.realtimeMicroseconds else { return nil }
        var fields: [String: String] = [:]
        for name in record.fields.keys {
            if let value = record.string(name) { fields[name] = value }
        }
        let (nanoseconds, overflow) = Int64(clamping: microseconds).multipliedReportingOverflow(by: 1000)
        return ReportRecord(time: Timestamp(nanoseconds: overflow ? .max : nanoseconds), fields: fields)
    }
}
