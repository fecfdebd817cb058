import EventModel
import Rules

extension RuleEvent {
    /// What the rule engine needs of a source's event.
    public init(_ event: ReclaimEvent) {
        self.init(
            resource: event.resource, action: event.action, kind: event.kind, reclaimedBytes: event.reclaimedBytes,
            time: event.time, json: event.json)
    }
}
