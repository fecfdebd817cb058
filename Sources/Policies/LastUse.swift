import EventModel
import Formats
import Time
import Rules

/// When each image was last used, learned from the event stream, keyed by whatever the event names it by (an
/// ID, or a reference such as `app:1.2`): an image's last use is the latest of its ID's and its references'.
public struct LastUse: Sendable, Equatable {
    /// Nanoseconds since the epoch, by ID or reference.
    public private(set) var times: [String: Int64]

    public init(times: [String: Int64] = [:]) {
        self.times = times
    }

    /// Records the use an event shows, if any; whether it showed one.
    @discardableResult
    public mutating func record(_ event: ReclaimEvent) -> Bool {
        guard let use = event.imageUse else { return false }
        for name in use.images {
            record(name, at: event.time)
        }
        return !use.images.isEmpty
    }

    /// Whether the agent evaluates its policies after this event: a use that brought data onto the disk (a pull,
    /// build, load, a container's creation), as the engine's adapter judged it.
    public static func triggersEvaluation(_ event: ReclaimEvent) -> Bool {
        event.imageUse?.bringsData ?? false
    }

    public mutating func record(_ name: String, at time: Timestamp) {
        times[name] = max(times[name] ?? .min, time.nanoseconds)
    }

    /// When the image was last used: the latest recorded use of its ID or references, and never before it was
    /// created (an image never seen in use counts as last used at its creation).
    public func lastUsed(_ image: ImageRecord) -> Timestamp {
        var latest = image.created.nanoseconds
        for name in [image.id] + (image.references + image.aliases).flatMap(Self.aliases) {
            if let time = times[name] { latest = max(latest, time) }
        }
        return Timestamp(nanoseconds: latest)
    }

    /// The names events may use for a reference: `busybox:latest` is also `busybox`. (Names only one engine
    /// uses come from its adapter, as the image's `aliases`.)
    static func aliases(_ reference: String) -> [String] {
        reference.hasSuffix(":latest") ? [reference, String(reference.dropLast(7))] : [reference]
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
