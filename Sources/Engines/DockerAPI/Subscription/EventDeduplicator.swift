import EngineAdapter
import EventModel
import Formats
import Time

/// Keeps every event delivered at most once across reconnects.
///
/// After a reconnect the engine replays from the cursor (`since` = the last event's time), which repeats the
/// events at that nanosecond and may repeat more. Two rules drop them:
/// - in a replay, an event older than the cursor at reconnect was handled before it;
/// - any event whose key was delivered recently (the last `memory` keys) is a repeat.
///
/// Within one connection events are not required to be in time order (Podman's are not), so the time rule
/// applies only to replays.
public struct EventDeduplicator: Sendable {
    /// How many recent keys are remembered; well above Docker's 256-event backlog.
    public let memory: Int
    /// The latest event time delivered: where a reconnect resumes.
    public private(set) var cursor: Timestamp?
    private var replayFloor: Timestamp?
    private var recentKeys: Set<EventKey> = []
    private var keyOrder: [EventKey] = []
    private var oldestKeyIndex = 0

    public init(memory: Int = 4096, cursor: Timestamp? = nil, keysAtCursor: [EventKey] = []) {
        self.memory = memory
        self.cursor = cursor
        for key in keysAtCursor { remember(key) }
    }

    /// A new connection is replaying from the cursor.
    public mutating func beginReplay() {
        replayFloor = cursor
    }

    /// Whether to deliver this event; records it when so.
    public mutating func admit(_ event: ReclaimEvent) -> Bool {
        if let floor = replayFloor, event.time < floor { return false }
        if recentKeys.contains(event.key) { return false }
        remember(event.key)
        if cursor.map({ event.time > $0 }) ?? true { cursor = event.time }
        return true
    }

    private mutating func remember(_ key: EventKey) {
        recentKeys.insert(key)
        if keyOrder.count < memory {
            keyOrder.append(key)
        } else {
            recentKeys.remove(keyOrder[oldestKeyIndex])
            keyOrder[oldestKeyIndex] = key
            oldestKeyIndex = (oldestKeyIndex + 1) % memory
        }
    }
}
