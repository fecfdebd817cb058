import EngineAdapter
import EventModel

extension EventKey {
    /// The key of an engine event: its type, action, actor, time and every attribute (sorted by name).
    /// Hashed field by field (`EventKey.Hasher`): the same key as hashing the list of those fields, without
    /// building the list for every event.
    public init(of event: EngineEvent) {
        var hasher = Hasher()
        hasher.add(event.type)
        hasher.add(event.action)
        hasher.add(event.actorID)
        hasher.add(decimal: event.time.nanoseconds)
        event.attributes.forEachSortedByName { name, value in
            hasher.add(name)
            hasher.add(value)
        }
        self.init(hasher)
    }
}
