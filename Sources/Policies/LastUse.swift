import EventModel
import Formats
import Rules

/// When each image was last used, learned from the event stream, keyed by whatever the event names it by (an
/// ID, or a reference such as `app:1.2`): an image's last use is the latest of its ID's and its references'.
public struct LastUse: Sendable, Equatable {
    /// Nanoseconds since the epoch, by ID or reference.
    public private(set) var times: [String: Int64]

    public init(times: [String: Int64] = [:]) {
        self.times = times
    }

    static let imageActions = Set(PolicyDefinition.imageUseActions)
    static let containerActions = Set(PolicyDefinition.containerUseActions)

    /// The events that teach last use: for the agent's subscription filter.
    public static let eventFilter: [String: [String]] = [
        "type": ["container", "image"],
        "event": Array(imageActions.union(containerActions)).sorted(),
    ]

    /// Records the use an event shows, if any; whether it showed one.
    @discardableResult
    public mutating func record(_ event: ReclaimEvent) -> Bool {
        let names = Self.usedImages(event)
        for name in names {
            record(name, at: event.time)
        }
        return !names.isEmpty
    }

    /// Whether the agent evaluates its policies after this event: a pull, build, load or container creation.
    public static func triggersEvaluation(_ event: ReclaimEvent) -> Bool {
        switch event.resource {
        case "image": return PolicyDefinition.triggerImageActions.contains(event.action)
        case "container": return PolicyDefinition.triggerContainerActions.contains(event.action)
        default: return false
        }
    }

    public mutating func record(_ name: String, at time: Timestamp) {
        times[name] = max(times[name] ?? .min, time.nanoseconds)
    }

    /// The names of the images an event uses: an image event's actor (and a tag's new name), a container's image.
    static func usedImages(_ event: ReclaimEvent) -> [String] {
        switch event.resource {
        case "image" where imageActions.contains(event.action):
            return [event.actorID, event.attributes["name"]].compactMap { $0 }.filter { !$0.isEmpty }
        case "container" where containerActions.contains(event.action):
            return [event.attributes["image"]].compactMap { $0 }.filter { !$0.isEmpty }
        default:
            return []
        }
    }

    /// When the image was last used: the latest recorded use of its ID or references, and never before it was
    /// created (an image never seen in use counts as last used at its creation).
    public func lastUsed(_ image: ImageRecord) -> Timestamp {
        var latest = image.created.nanoseconds
        for name in [image.id] + image.references.flatMap(Self.aliases) {
            if let time = times[name] { latest = max(latest, time) }
        }
        return Timestamp(nanoseconds: latest)
    }

    /// The names events may use for a reference: `busybox:latest` is also `busybox`, and Podman's
    /// `localhost/app:1` also `app:1`.
    static func aliases(_ reference: String) -> [String] {
        let local = reference.hasPrefix("localhost/") ? [String(reference.dropFirst(10))] : []
        let names = [reference] + local
        return names + names.filter { $0.hasSuffix(":latest") }.map { String($0.dropLast(7)) }
    }

    /// How many names the agent keeps: the state stays bounded (an image's uses are under its ID and a few names).
    public static let maximumNames = 10_000

    /// Keeps the `count` most recently used names (ties: by name), forgetting the rest.
    public mutating func keepNewest(_ count: Int) {
        guard times.count > count else { return }
        let kept = times.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(count)
        times = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }

    /// Both maps, the later time of each name.
    public func merging(_ other: LastUse) -> LastUse {
        LastUse(times: times.merging(other.times, uniquingKeysWith: max))
    }
}
