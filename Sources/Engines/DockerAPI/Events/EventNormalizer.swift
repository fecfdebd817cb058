import EngineAdapter
import EventModel

/// The one place that knows how Docker's and Podman's events differ, turning either into a `ReclaimEvent`.
///
/// - Docker (API 1.41+) sends one `prune` event per resource type per prune call, with `reclaimed` in bytes.
/// - Podman 4 sends `prune` only for volumes, one per volume, and never a `reclaimed` attribute: its prunes
///   count as unknown bytes without a warning, since that is how Podman always speaks.
/// - Removals have other names on each engine; `kind` gives them one (`EventKind.remove`).
/// - Uses of an image (pull, tag, load, import, build, commit, push, save; a container's create, start, commit)
///   are `EventKind.use`, with the images used in `imageUse`.
public struct EventNormalizer: Sendable {
    /// The engine whose dialect is read.
    public let engine: EngineKind

    public init(engine: EngineKind) {
        self.engine = engine
    }

    /// The normalized event, and a warning when a prune's reclaimed bytes could not be read.
    public func normalize(_ event: EngineEvent) -> (event: ReclaimEvent, warning: String?) {
        var bytes: UInt64?
        var warning: String?
        if event.action == "prune" {
            switch ReclaimedBytes.parse(event.attributes["reclaimed"]) {
            case .bytes(let value):
                bytes = value
            case .absent:
                if engine == .docker {
                    warning = "\(event.type) prune at \(event.time) has no reclaimed attribute; bytes unknown"
                }
            case .invalid(let text):
                warning =
                    "\(event.type) prune at \(event.time) has reclaimed \"\(text.prefix(40))\", which is not a count of bytes; bytes unknown"
            }
        }
        let normalized = ReclaimEvent(
            source: engine.rawValue,
            resource: event.type,
            action: event.action,
            kind: kind(of: event),
            reclaimedBytes: bytes,
            actorID: event.actorID,
            attributes: event.attributes,
            time: event.time,
            key: EventKey(of: event),
            imageUse: imageUse(event)
        )
        return (normalized, warning)
    }

    /// `prune` for prunes; `remove` for the removals that free space on this engine; `use` for uses of an image;
    /// else the raw action.
    public func kind(of event: EngineEvent) -> String {
        if event.action == EventKind.prune { return EventKind.prune }
        if isRemoval(type: event.type, action: event.action) { return EventKind.remove }
        return Self.isUse(type: event.type, action: event.action) ? EventKind.use : event.action
    }

    /// The images a use names: an image event's actor (and a tag's new name), a container's image.
    func imageUse(_ event: EngineEvent) -> ImageUse? {
        let names: [String?]
        switch event.type {
        case "image" where Self.imageUses.contains(event.action): names = [event.actorID, event.attributes["name"]]
        case "container" where Self.containerUses.contains(event.action): names = [event.attributes["image"]]
        default: return nil
        }
        let images = names.compactMap { $0 }.filter { !$0.isEmpty }
        guard !images.isEmpty else { return nil }
        let bringsData = event.type == "image" ? Self.imageArrivals.contains(event.action) : event.action == "create"
        return ImageUse(images: images, bringsData: bringsData)
    }

    static func isUse(type: String, action: String) -> Bool {
        switch type {
        case "image": return imageUses.contains(action)
        case "container": return containerUses.contains(action)
        default: return false
        }
    }

    /// Image actions that use the image named.
    static let imageUses: Set<String> = ["pull", "tag", "load", "import", "build", "commit", "push", "save"]
    /// Of those, the ones that bring data (or a new name for it) onto the disk.
    static let imageArrivals: Set<String> = ["pull", "tag", "load", "import", "build", "commit"]
    /// Container actions that use the container's image.
    static let containerUses: Set<String> = ["create", "start", "commit"]

    /// The tables below as comparisons: once per event, where two set lookups cost more than the rest of `kind`.
    private func isRemoval(type: String, action: String) -> Bool {
        switch (engine, type) {
        case (.docker, "container"), (.docker, "volume"): return action == "destroy"
        case (.docker, "image"): return action == "delete"
        case (.podman, "container"), (.podman, "volume"): return action == "remove"
        case (.podman, "image"): return action == "delete" || action == "remove"
        default: return false
        }
    }

    /// Docker: `docker rm`, `docker rmi` (once the image is really gone), `docker volume rm`, and the same inside
    /// prunes with the containerd image store, which sends no image `prune` event.
    static let dockerRemovals: [String: Set<String>] = [
        "container": ["destroy"], "image": ["delete"], "volume": ["destroy"],
    ]
    /// Podman 4: containers `remove`; images `remove` (its own API) or `delete` (the compat rewrite); volumes `remove`.
    static let podmanRemovals: [String: Set<String>] = [
        "container": ["remove"], "image": ["delete", "remove"], "volume": ["remove"],
    ]

    /// Every raw action some engine's removal has: what a server-side filter asks for when a rule wants `remove`.
    public static let removalActions: [String] = Array(
        Set(dockerRemovals.values.flatMap { $0 } + podmanRemovals.values.flatMap { $0 })
    ).sorted()

    /// Every raw action of a use: what a server-side filter asks for when garbage collection wants `use`.
    public static let useActions: [String] = Array(imageUses.union(containerUses)).sorted()

    /// The raw actions a filter asks for to see events of a kind (none for `freed`, which no engine sends).
    public static func actions(of kind: String) -> [String] {
        switch kind {
        case EventKind.prune: return [EventKind.prune]
        case EventKind.remove: return removalActions
        case EventKind.use: return useActions
        case EventKind.freed: return []
        default: return [kind]
        }
    }
}
