import Formats
import Time

/// One journal entry as `report` reads it: when journald received it and its fields as text.
///
/// The command turns sd-journal's records into these, so the aggregation never touches the journal itself and is
/// tested with records built by hand.
public struct ReportRecord: Sendable {
    /// The entry's `__REALTIME_TIMESTAMP`: windows and days are counted on it, for every kind of entry alike.
    public var time: Timestamp
    /// Field name → its first value, when that is valid UTF-8 (reclaimd never repeats a field).
    public var fields: [String: String]

    public init(time: Timestamp, fields: [String: String]) {
        self.time = time
        self.fields = fields
    }

    /// The value of a field.
    public subscript(_ name: String) -> String? {
        fields[name]
    }
}
