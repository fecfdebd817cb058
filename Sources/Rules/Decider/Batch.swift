import Formats
import Time

/// The events collected toward one run of a rule: exact totals of everything collected, and the first
/// `eventLimit` events themselves for the hook's stdin.
///
/// Bounded so that a rule whose batch never fires (a threshold over events that report no bytes, as Podman's)
/// costs the same to keep, persist and hand over at its millionth event as at its tenth.
public struct Batch: Sendable, Equatable {
    /// How many events a batch keeps unless its rule says otherwise (`max_batch_events`).
    public static let defaultEventLimit = 1000

    /// The events kept, oldest first: at most `eventLimit`.
    public private(set) var events: [RuleEvent] = []
    /// Every event collected, kept or not.
    public private(set) var eventCount = 0
    /// Sum of the known reclaimed bytes of every event collected, saturating at `UInt64.max`.
    public private(set) var totalBytes: UInt64 = 0
    /// Resource types of every event collected, sorted, without repeats.
    public private(set) var resources: [String] = []
    /// Times of the earliest and latest event collected.
    public private(set) var firstEventTime: Timestamp?
    public private(set) var lastEventTime: Timestamp?
    /// How many events are kept at most.
    public private(set) var eventLimit: Int

    public init(eventLimit: Int = Batch.defaultEventLimit) {
        self.eventLimit = max(0, eventLimit)
    }

    /// A batch of these events, as state written before batches kept their totals holds them.
    public init(events: [RuleEvent], eventLimit: Int = Batch.defaultEventLimit) {
        self.init(eventLimit: eventLimit)
        for event in events { add(event) }
    }

    /// Collects one event: it counts in every total; it is kept while fewer than `eventLimit` are.
    public mutating func add(_ event: RuleEvent) {
        if events.count < eventLimit { events.append(event) }
        eventCount += 1
        totalBytes = totalBytes.addingSaturating(event.reclaimedBytes ?? 0)
        insert(resource: event.resource)
        firstEventTime = min(firstEventTime ?? event.time, event.time)
        lastEventTime = max(lastEventTime ?? event.time, event.time)
    }

    /// Adds another batch (restored, or the next one): totals add up, its events are kept while room is left.
    public mutating func merge(_ other: Batch) {
        events += other.events.prefix(max(0, eventLimit - events.count))
        eventCount += other.eventCount
        totalBytes = totalBytes.addingSaturating(other.totalBytes)
        for resource in other.resources { insert(resource: resource) }
        if let first = other.firstEventTime { firstEventTime = min(firstEventTime ?? first, first) }
        if let last = other.lastEventTime { lastEventTime = max(lastEventTime ?? last, last) }
    }

    /// The same batch under another limit (a reloaded rule's); totals stay exact.
    public func limited(to limit: Int) -> Batch {
        var copy = self
        copy.eventLimit = max(0, limit)
        copy.events = Array(events.prefix(copy.eventLimit))
        return copy
    }

    public var isEmpty: Bool { eventCount == 0 }
    /// Events collected but not kept: the hook reads `RECLAIMD_EVENTS_OMITTED`.
    public var omittedCount: Int { eventCount - events.count }
    /// The kept events as one JSON array: a hook's stdin.
    public var json: String { "[" + events.map(\.json).joined(separator: ",") + "]" }

    private mutating func insert(resource: String) {
        guard !resources.contains(resource) else { return }
        resources.append(resource)
        resources.sort()
    }
}

extension Batch: Codable {
    /// Spelled out: part of the agent's state file (version 2).
    enum CodingKeys: String, CodingKey {
        case events
        case eventCount
        case totalBytes
        case resources
        case firstEventTime
        case lastEventTime
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        events = try container.decode([RuleEvent].self, forKey: .events)
        eventCount = try container.decode(Int.self, forKey: .eventCount)
        totalBytes = try container.decode(UInt64.self, forKey: .totalBytes)
        resources = try container.decode([String].self, forKey: .resources).sorted()
        firstEventTime = try container.decodeIfPresent(Timestamp.self, forKey: .firstEventTime)
        lastEventTime = try container.decodeIfPresent(Timestamp.self, forKey: .lastEventTime)
        eventLimit = max(Batch.defaultEventLimit, events.count)
        guard eventCount >= events.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .eventCount, in: container,
                debugDescription: "fewer events counted than kept")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(events, forKey: .events)
        try container.encode(eventCount, forKey: .eventCount)
        try container.encode(totalBytes, forKey: .totalBytes)
        try container.encode(resources, forKey: .resources)
        try container.encodeIfPresent(firstEventTime, forKey: .firstEventTime)
        try container.encodeIfPresent(lastEventTime, forKey: .lastEventTime)
    }
}
