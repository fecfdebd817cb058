import Formats
import Time

/// One structured journal entry: a message, a priority, an optional MESSAGE_ID and fields whose values are bytes,
/// so that a value with newlines or any binary content is kept as it is.
public struct JournalEntry: Sendable, Equatable {
    /// syslog priorities, as journald's `PRIORITY` field takes them.
    public enum Priority: Int, Sendable, Comparable {
        case emergency = 0, alert, critical, error, warning, notice, info, debug

        public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The word the stderr form prints.
        public var name: String {
            switch self {
            case .emergency: return "emerg"
            case .alert: return "alert"
            case .critical: return "crit"
            case .error: return "error"
            case .warning: return "warning"
            case .notice: return "notice"
            case .info: return "info"
            case .debug: return "debug"
            }
        }
    }

    /// `MESSAGE`.
    public var message: String
    /// `PRIORITY`.
    public var priority: Priority
    /// `MESSAGE_ID`: which kind of entry this is (see `MessageID` and packaging/reclaimd.catalog).
    public var messageID: MessageID?
    /// Further fields, names already valid for journald, in the order written.
    public var fields: [(name: String, value: [UInt8])] {
        fieldNames.indices.map { (fieldNames[$0], Array(fieldValue($0))) }
    }
    /// The fields' names, and their values one after the other in `fieldBytes`, each ending at `fieldEnds`: three
    /// arrays for a whole entry instead of one per field (an entry is made for every event).
    private var fieldNames: [String] = []
    private var fieldBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    /// When the entry was made (journald stamps its own; the stderr form prints this).
    public var time: Timestamp

    public init(message: String, priority: Priority = .info, messageID: MessageID? = nil, time: Timestamp = .now()) {
        self.message = message
        self.priority = priority
        self.messageID = messageID
        self.time = time
    }

    /// Adds a project field; `key` is normalized (`RECLAIMD_` prefix, uppercase, other characters `_`).
    public mutating func add(_ key: String, _ value: String) {
        append(JournalFieldName.project(key), value.utf8)
    }

    /// A project field's name, normalized once (`JournalFieldName.project`): for fields written with every event.
    public struct FieldName: Sendable, Hashable {
        /// The name journald stores: `RECLAIMD_RESOURCE`.
        public let name: String
        /// The key it was made from, as a log line's metadata spells it: `resource`.
        public let key: String

        public init(_ key: String) {
            self.key = key
            name = JournalFieldName.project(key)
        }
    }

    /// Adds a project field under a name normalized beforehand.
    public mutating func add(_ field: FieldName, _ value: String) {
        append(field.name, value.utf8)
    }

    /// Adds a project field under a name normalized beforehand, whose value `write` appends as bytes.
    public mutating func add(_ field: FieldName, writing write: (inout [UInt8]) -> Void) {
        fieldNames.append(field.name)
        write(&fieldBytes)
        fieldEnds.append(fieldBytes.count)
    }

    /// Adds a project field with a binary value.
    public mutating func add(_ key: String, bytes: [UInt8]) {
        append(JournalFieldName.project(key), bytes)
    }

    /// Adds a field under a name journald defines (`CODE_FILE`, `SYSLOG_IDENTIFIER`, ...), not prefixed.
    public mutating func addStandard(_ name: String, _ value: String) {
        guard JournalFieldName.isValid(name) else { return add(name, value) }
        append(name, value.utf8)
    }

    private mutating func append(_ name: String, _ value: some Collection<UInt8>) {
        if fieldBytes.isEmpty { fieldBytes.reserveCapacity(256) }
        fieldNames.append(name)
        fieldBytes.append(contentsOf: value)
        fieldEnds.append(fieldBytes.count)
    }

    /// The bytes of field `index`.
    private func fieldValue(_ index: Int) -> ArraySlice<UInt8> {
        fieldBytes[(index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]]
    }

    /// Calls `body` with each field's name and value, in order, without copying the values.
    public func forEachField(_ body: (String, UnsafeRawBufferPointer) -> Void) {
        fieldBytes.withUnsafeBytes { bytes in
            for index in fieldNames.indices {
                let start = index == 0 ? 0 : fieldEnds[index - 1]
                body(fieldNames[index], UnsafeRawBufferPointer(rebasing: bytes[start..<fieldEnds[index]]))
            }
        }
    }

    /// The value of the first field with this name.
    public func value(of name: String) -> [UInt8]? {
        fieldNames.firstIndex(of: name).map { Array(fieldValue($0)) }
    }

    /// Every field as journald receives it, `NAME=value`, MESSAGE, PRIORITY and MESSAGE_ID first.
    public func wireFields(identifier: String) -> [[UInt8]] {
        var wire: [[UInt8]] = [
            Array("MESSAGE=".utf8) + Array(message.utf8),
            Array("PRIORITY=\(priority.rawValue)".utf8),
            Array("SYSLOG_IDENTIFIER=\(identifier)".utf8),
        ]
        if let messageID { wire.append(Array("MESSAGE_ID=\(messageID.hex)".utf8)) }
        forEachField { name, value in
            wire.append(Array(name.utf8) + [UInt8(ascii: "=")] + Array(value))
        }
        return wire
    }

    public static func == (lhs: JournalEntry, rhs: JournalEntry) -> Bool {
        lhs.message == rhs.message && lhs.priority == rhs.priority && lhs.messageID == rhs.messageID
            && lhs.time == rhs.time && lhs.fieldNames == rhs.fieldNames && lhs.fieldEnds == rhs.fieldEnds
            && lhs.fieldBytes == rhs.fieldBytes
    }
}
