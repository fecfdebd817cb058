import JournalFormat
import Logging

/// A swift-log handler that writes structured journal entries: MESSAGE, PRIORITY from the level,
/// SYSLOG_IDENTIFIER, CODE_FILE/CODE_LINE/CODE_FUNC, and every metadata key as a `RECLAIMD_` field.
///
/// The metadata key `message_id` with 32 hex digits sets MESSAGE_ID instead of a field.
public struct JournalLogHandler: LogHandler {
    /// The metadata key that sets MESSAGE_ID.
    public static let messageIDKey = JournalField.messageIDMetadataKey

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let sink: JournalSink

    public init(sink: JournalSink, logLevel: Logger.Level = .info) {
        self.sink = sink
        self.logLevel = logLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var entry = JournalEntry(message: event.message.description, priority: Self.priority(of: event.level))
        entry.addStandard("CODE_FILE", event.file)
        entry.addStandard("CODE_LINE", String(event.line))
        entry.addStandard("CODE_FUNC", event.function)
        let merged = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            if key == Self.messageIDKey, let id = MessageID(hex: value.description) {
                entry.messageID = id
            } else {
                entry.add(key, value.description)
            }
        }
        if let error = event.error {
            entry.add("error", String(describing: error))
        }
        sink.write(entry)
    }

    /// syslog priority for a swift-log level.
    public static func priority(of level: Logger.Level) -> JournalEntry.Priority {
        switch level {
        case .trace, .debug: return .debug
        case .info: return .info
        case .notice: return .notice
        case .warning: return .warning
        case .error: return .error
        case .critical: return .critical
        }
    }
}
