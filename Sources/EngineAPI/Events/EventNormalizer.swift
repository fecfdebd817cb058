import EventModel

/// The one place that knows how Docker's and Podman's events differ, turning either into a `ReclaimEvent`.
///
/// - Docker (API 1.41+) sends one `prune` event per resource type per prune call, with `reclaimed` in bytes.
/// - Podman 4 sends `prune` only for volumes, one per volume, and never a `reclaimed` attribute: its prunes
///   count as unknown bytes without a warning, since that is how Podman always speaks.
/// - Removals have other names on each engine; `kind` gives them one (`EventKind.remove`).
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
                warning = "\(event.type) prune at \(event.time) has reclaimed \"\(text.prefix(40))\", which is not a count of bytes; bytes unknown"
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
            key: EventKey(of: event)
        )
        return (normalized, warning)
    }

    /// `prune` for prunes; `remove` for the removals that free space on this engine; else the raw action.
    public func kind(of event: EngineEvent) -> String {
        if event.action == EventKind.prune { return EventKind.prune }
        return isRemoval(type: event.type, action: event.action) ? EventKind.remove : event.action
    }

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
    static let dockerRemovals: [String: Set<String>] = ["container": ["destroy"], "image": ["delete"], "volume": ["destroy"]]
    /// Podman 4: containers `remove`; images `remove` (its own API) or `delete` (the compat rewrite); volumes `remove`.
    static let podmanRemovals: [String: Set<String>] = ["container": ["remove"], "image": ["delete", "remove"], "volume": ["remove"]]

    /// Every raw action some engine's removal has: what a server-side filter asks for when a rule wants `remove`.
    public static let removalActions: [String] = Array(
        Set(dockerRemovals.values.flatMap { $0 } + podmanRemovals.values.flatMap { $0 })).sorted()
}
