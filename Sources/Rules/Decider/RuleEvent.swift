import Formats
import Time

/// What the rule engine needs of an event; the agent builds it from the engine's event.
public struct RuleEvent: Sendable, Equatable, Codable {
    public var resource: String
    public var action: String
    /// The engine-neutral kind (`prune`, `remove`, `freed`, or the raw action): rules match it too.
    public var kind: String
    /// Unknown counts as 0 toward thresholds.
    public var reclaimedBytes: UInt64?
    public var time: Timestamp
    /// The event as `reclaimd events --json` prints it: what the hook reads on stdin.
    public var json: String

    public init(
        resource: String, action: String, kind: String? = nil, reclaimedBytes: UInt64?, time: Timestamp, json: String
    ) {
        self.resource = resource
        self.action = action
        self.kind = kind ?? action
        self.reclaimedBytes = reclaimedBytes
        self.time = time
        self.json = json
    }

    /// Spelled out: these names are part of the agent's state file, whatever the properties are called.
    enum CodingKeys: String, CodingKey {
        case resource
        case action
        case kind
        case reclaimedBytes
        case time
        case json
    }

    /// State written before `kind` existed (version 1) has none: the raw action stands for it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resource = try container.decode(String.self, forKey: .resource)
        action = try container.decode(String.self, forKey: .action)
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? action
        reclaimedBytes = try container.decodeIfPresent(UInt64.self, forKey: .reclaimedBytes)
        time = try container.decode(Timestamp.self, forKey: .time)
        json = try container.decode(String.self, forKey: .json)
    }
}
