import EngineAdapter
import Formats
import Time

/// One event as the engine sent it, typed but not interpreted: unknown types and actions pass through as text.
public struct EngineEvent: Sendable, Hashable {
    /// The object type: `container`, `image`, `volume`, `network`, `builder`, or anything newer.
    public var type: String
    /// What happened: `prune`, `create`, `destroy`, `exec_start: sh`, ...
    public var action: String
    /// The actor's ID; empty for prune events, which have no single actor.
    public var actorID: String
    /// The actor's attributes. Values that were not JSON strings are kept as their JSON text.
    public var attributes: [String: String]
    /// When it happened, to the nanosecond (`timeNano`, else `time`).
    public var time: Timestamp
    /// `local` or `swarm`, when given.
    public var scope: String?

    public init(
        type: String, action: String, actorID: String = "", attributes: [String: String] = [:],
        time: Timestamp, scope: String? = nil
    ) {
        self.type = type
        self.action = action
        self.actorID = actorID
        self.attributes = attributes
        self.time = time
        self.scope = scope
    }
}
