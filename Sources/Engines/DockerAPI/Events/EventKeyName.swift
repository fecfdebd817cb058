import EngineAdapter
/// The member names of an event line that `EventLineParser` reads, recognised from their bytes without making
/// a `String` (a name written with escapes is decoded and compared as text, as `JSONDecoder` would).
enum EventKeyName: Int {
    case type, action, status, id, scope, time, timeNano, actor
    case actorID, attributes
    /// A member reclaimd does not read.
    case other

    /// A top-level member's name.
    static func top(_ raw: RawString, in parser: EventLineParser) -> EventKeyName {
        if raw.escaped { return top(text: parser.string(raw)) }
        switch raw.count {
        case 2 where parser.equals(raw, "id"): return .id
        case 4 where parser.equals(raw, "Type"): return .type
        case 4 where parser.equals(raw, "time"): return .time
        case 5 where parser.equals(raw, "Actor"): return .actor
        case 5 where parser.equals(raw, "scope"): return .scope
        case 6 where parser.equals(raw, "Action"): return .action
        case 6 where parser.equals(raw, "status"): return .status
        case 8 where parser.equals(raw, "timeNano"): return .timeNano
        default: return .other
        }
    }

    /// A member's name inside `Actor`.
    static func actor(_ raw: RawString, in parser: EventLineParser) -> EventKeyName {
        if raw.escaped { return actor(text: parser.string(raw)) }
        if parser.equals(raw, "ID") { return .actorID }
        if parser.equals(raw, "Attributes") { return .attributes }
        return .other
    }

    private static func top(text: String) -> EventKeyName {
        let names: [String: EventKeyName] = [
            "Type": .type, "Action": .action, "status": .status, "id": .id, "scope": .scope, "time": .time,
            "timeNano": .timeNano, "Actor": .actor,
        ]
        return names[text] ?? .other
    }

    private static func actor(text: String) -> EventKeyName {
        text == "ID" ? .actorID : text == "Attributes" ? .attributes : .other
    }
}
