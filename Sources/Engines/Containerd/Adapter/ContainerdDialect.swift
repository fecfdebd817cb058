import ContainerdAPI
import EventModel
import Rules
import Time

/// The one place that knows containerd's events: topics become resources and actions, deletes and removes the
/// kind `remove`, image and container creations the kind `use`, and the payload's fields the attributes, with the
/// namespace beside them.
///
/// containerd's events carry no sizes (there is no prune, and no "GC finished" event: containerd#11084), so no
/// event has reclaimed bytes.
public enum ContainerdDialect {
    /// The resources rules may select on containerd.
    public static let vocabulary = EventVocabulary(resources: ["image", "container", "snapshot", "content"])

    /// Topic's first part → resource. Others (`/tasks/…`, `/namespaces/…`) keep their own name, singular.
    static let resources: [String: String] = [
        "images": "image", "containers": "container", "snapshot": "snapshot", "content": "content",
        "namespaces": "namespace", "tasks": "task",
    ]

    /// The event for one envelope.
    public static func event(_ envelope: ContainerdEnvelope) -> ReclaimEvent {
        let parts = envelope.topic.split(separator: "/", omittingEmptySubsequences: true)
        let group = parts.first.map(String.init) ?? ""
        let resource = resources[group] ?? group
        let action = parts.count > 1 ? parts.dropFirst().joined(separator: "/") : envelope.topic
        var attributes: [String: String] = ["namespace": envelope.namespace]
        for attribute in envelope.payload.attributes where attributes[attribute.name] == nil {
            attributes[attribute.name] = attribute.value
        }
        let actor = actorID(resource: resource, envelope.payload)
        let time = timestamp(envelope.timestamp)
        let kind = self.kind(resource: resource, action: action)
        var hasher = EventKey.Hasher()
        for field in ["containerd", envelope.namespace, envelope.topic, envelope.payload.typeURL] { hasher.add(field) }
        hasher.add(decimal: time.nanoseconds)
        for attribute in envelope.payload.attributes {
            hasher.add(attribute.name)
            hasher.add(attribute.value)
        }
        return ReclaimEvent(
            source: "containerd", resource: resource, action: action, kind: kind, reclaimedBytes: nil, actorID: actor,
            attributes: attributes, time: time, key: EventKey(hasher),
            imageUse: kind == EventKind.use ? imageUse(resource: resource, action: action, envelope.payload) : nil)
    }

    /// `remove` for a delete or remove of a space-holding object; `use` for an image's creation or update and a
    /// container's creation; else the raw action.
    static func kind(resource: String, action: String) -> String {
        switch (resource, action) {
        case ("image", "delete"), ("container", "delete"), ("snapshot", "remove"), ("content", "delete"):
            return EventKind.remove
        case ("image", "create"), ("image", "update"), ("container", "create"):
            return EventKind.use
        default:
            return action
        }
    }

    /// The image an image event names, or a container's image; a creation brings data (or a name for it).
    static func imageUse(resource: String, action: String, _ payload: ContainerdEventPayload) -> ImageUse? {
        let name = resource == "image" ? payload["name"] : payload["image"]
        guard let name, !name.isEmpty else { return nil }
        return ImageUse(images: [name], bringsData: action == "create")
    }

    /// What the event is about: an image's name, a container's ID, a snapshot's key, a blob's digest.
    static func actorID(resource: String, _ payload: ContainerdEventPayload) -> String {
        switch resource {
        case "image", "namespace": return payload["name"] ?? ""
        case "container": return payload["id"] ?? ""
        case "snapshot": return payload["key"] ?? ""
        case "content": return payload["digest"] ?? ""
        case "task": return payload["container_id"] ?? ""
        default: return ""
        }
    }

    /// containerd's time as a `Timestamp`, clamped to what 64-bit nanoseconds hold.
    public static func timestamp(_ time: ContainerdTime) -> Timestamp {
        let (scaled, overflow) = time.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return Timestamp(nanoseconds: time.seconds < 0 ? .min : .max) }
        let (sum, overflowAgain) = scaled.addingReportingOverflow(Int64(time.nanoseconds))
        return Timestamp(nanoseconds: overflowAgain ? (scaled < 0 ? .min : .max) : sum)
    }
}
