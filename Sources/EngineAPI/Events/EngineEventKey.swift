import EventModel

extension EventKey {
    /// The key of an engine event: its type, action, actor, time and every attribute (sorted by name).
    public init(of event: EngineEvent) {
        var fields = [event.type, event.action, event.actorID, String(event.time.nanoseconds)]
        for name in event.attributes.keys.sorted() {
            fields.append(name)
            fields.append(event.attributes[name] ?? "")
        }
        self.init(hashing: fields)
    }
}
