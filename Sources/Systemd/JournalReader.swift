import CSystemd

import Glibc

/// One entry read back: every field with all its values, as bytes.
public struct JournalRecord: Sendable {
    /// Field name → values (a field may repeat).
    public var fields: [String: [[UInt8]]]
    /// When journald received the entry (`__REALTIME_TIMESTAMP`), in microseconds since the epoch.
    public var realtimeMicroseconds: UInt64?

    /// The first value of a field as text, if it is valid UTF-8.
    public func string(_ name: String) -> String? {
        fields[name]?.first.flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// The first value of a field as bytes.
    public func bytes(_ name: String) -> [UInt8]? {
        fields[name]?.first
    }
}

/// Reads journal entries through sd-journal: open (this machine's journal, or a directory of journal files), match,
/// seek, iterate, read fields.
public final class JournalReader {
    private var journal: OpaquePointer?

    /// Opens this machine's journal with `FIELD=value` matches (same field: OR; different fields: AND).
    public init(matches: [String]) throws(JournalReadError) {
        let opened = sd_journal_open(&journal, Int32(SD_JOURNAL_LOCAL_ONLY))
        try prepare(opened, operation: "sd_journal_open", matches: matches)
    }

    /// Opens the journal files in `directory` (e.g. copied from another machine, or `/var/log/journal/MACHINE-ID`),
    /// with matches as above.
    public init(directory: String, matches: [String]) throws(JournalReadError) {
        let opened = directory.withCString { sd_journal_open_directory(&journal, $0, 0) }
        try prepare(opened, operation: "sd_journal_open_directory(\(directory))", matches: matches)
    }

    private func prepare(_ opened: Int32, operation: String, matches: [String]) throws(JournalReadError) {
        guard opened >= 0, let journal else { throw JournalReadError(operation: operation, code: opened) }
        // Values of any size, not only the first 64 KiB.
        _ = sd_journal_set_data_threshold(journal, 0)
        for match in matches {
            let added = match.withCString { sd_journal_add_match(journal, $0, 0) }
            guard added >= 0 else { throw JournalReadError(operation: "sd_journal_add_match(\(match))", code: added) }
        }
    }

    deinit {
        sd_journal_close(journal)
    }

    /// The bytes of the journal files opened: 0 when there are none, e.g. a directory without journal files.
    public func diskUsage() throws(JournalReadError) -> UInt64 {
        var bytes: UInt64 = 0
        let result = sd_journal_get_usage(journal, &bytes)
        guard result >= 0 else { throw JournalReadError(operation: "sd_journal_get_usage", code: result) }
        return bytes
    }

    /// Moves before the first entry received at or after `microseconds` since the epoch, so that `next()` starts
    /// there instead of at the oldest entry.
    public func seek(realtimeMicroseconds microseconds: UInt64) throws(JournalReadError) {
        let result = sd_journal_seek_realtime_usec(journal, microseconds)
        guard result >= 0 else { throw JournalReadError(operation: "sd_journal_seek_realtime_usec", code: result) }
    }

    /// The next matching entry, oldest first; nil at the end.
    public func next() throws(JournalReadError) -> JournalRecord? {
        let moved = sd_journal_next(journal)
        guard moved >= 0 else { throw JournalReadError(operation: "sd_journal_next", code: moved) }
        guard moved > 0 else { return nil }
        var fields: [String: [[UInt8]]] = [:]
        var data: UnsafeRawPointer?
        var length = 0
        sd_journal_restart_data(journal)
        while sd_journal_enumerate_data(journal, &data, &length) > 0 {
            guard let data else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: data, count: length))
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(decoding: bytes[..<equals], as: UTF8.self)
            fields[name, default: []].append(Array(bytes[(equals + 1)...]))
        }
        var realtime: UInt64 = 0
        let hasTime = sd_journal_get_realtime_usec(journal, &realtime) >= 0
        return JournalRecord(fields: fields, realtimeMicroseconds: hasTime ? realtime : nil)
    }

    /// Every matching entry.
    public func readAll() throws(JournalReadError) -> [JournalRecord] {
        var records: [JournalRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }
}

/// An sd-journal call that failed.
public struct JournalReadError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    /// The negative errno sd-journal returned.
    public var code: Int32

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(-code)))"
    }
}
