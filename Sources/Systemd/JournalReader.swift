import CSystemd

import Glibc

/// One entry read back: every field with all its values, as bytes.
public struct JournalRecord: Sendable {
    /// Field name → values (a field may repeat).
    public var fields: [String: [[UInt8]]]

    /// The first value of a field as text, if it is valid UTF-8.
    public func string(_ name: String) -> String? {
        fields[name]?.first.flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// The first value of a field as bytes.
    public func bytes(_ name: String) -> [UInt8]? {
        fields[name]?.first
    }
}

/// Reads the local journal through sd-journal: open, match, iterate, read fields.
public final class JournalReader {
    private var journal: OpaquePointer?

    /// Opens the local journal with `FIELD=value` matches (same field: OR; different fields: AND).
    public init(matches: [String]) throws(JournalReadError) {
        let opened = sd_journal_open(&journal, Int32(SD_JOURNAL_LOCAL_ONLY))
        guard opened >= 0, let journal else { throw JournalReadError(operation: "sd_journal_open", code: opened) }
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
        return JournalRecord(fields: fields)
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
    public var code: Int32

    public var description: String {
        "\(operation) failed: \(String(cString: strerror(-code)))"
    }
}
