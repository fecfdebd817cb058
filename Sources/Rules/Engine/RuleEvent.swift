import Formats

/// What the rule engine needs of an event; the agent builds it from the engine's event.
public struct RuleEvent: Sendable, Equatable, Codable {
    public var resource: String
    public var action: String
    /// Unknown counts as 0 toward thresholds.
    public var reclaimedBytes: UInt64?
    public var time: Timestamp
    /// The event as `reclaimd events --json` prints it: what the hook reads on stdin.
    public var json: String

    public init(resource: String, action: String, reclaimedBytes: UInt64?, time: Timestamp, json: String) {
        self.resource = resource
        self.action = action
        self.reclaimedBytes = reclaimedBytes
        self.time = time
        self.json = json
    }

    /// Spelled out: these names are part of the agent's state file, whatever the properties are called.
    enum CodingKeys: String, CodingKey {
        case resource
        case action
        case reclaimedBytes
        case time
        case json
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
