import Formats

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

    public init(resource: String, action: String, kind: String? = nil, reclaimedBytes: UInt64?, time: Timestamp, json: String) {
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

/// The events collected toward one run of a rule.
public struct Batch: Sendable, Equatable {
    public private(set) var events: [RuleEvent] = []
    /// Sum of the known reclaimed bytes, saturating at `UInt64.max`.
    public private(set) var totalBytes: UInt64 = 0

    public init() {}

    mutating func add(_ event: RuleEvent) {
        events.append(event)
        let (sum, overflow) = totalBytes.addingReportingOverflow(event.reclaimedBytes ?? 0)
        totalBytes = overflow ? .max : sum
    }

    public var isEmpty: Bool { events.isEmpty }
    public var firstEventTime: Timestamp? { events.map(\.time).min() }
    public var lastEventTime: Timestamp? { events.map(\.time).max() }
    /// Resource types in the batch, sorted, without repeats.
    public var resources: [String] { Array(Set(events.map(\.resource))).sorted() }
    /// The batch's events as one JSON array: a hook's stdin.
    public var json: String { "[" + events.map(\.json).joined(separator: ",") + "]" }
}

/// What made an armed rule fire.
public enum Trigger: String, Sendable, Equatable {
    /// `quiet` passed without another matching event.
    case quiet
    /// `max_delay` passed since arming.
    case maxDelay = "max_delay"
}

/// A rule engine decision: start this rule's hook now with this batch.
public struct Decision: Sendable, Equatable {
    public var rule: String
    public var batch: Batch
    public var trigger: Trigger
    /// When the decision fell due (the clock reading given to the engine).
    public var time: MonotonicTime
}
