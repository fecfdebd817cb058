import EventModel
import Formats
import Time

/// One engine, as the rest of reclaimd sees it: its event stream in the common model, and its inventory and
/// removals for garbage collection. Everything engine-specific (connection, discovery, the dialect of its events,
/// its filters, its quirks) stays behind this seam, in the adapter's own folder under `Sources/Engines/`.
///
/// Adding an engine: a folder with a type conforming to `EngineAdapter` (and its `EngineFamily`), and one line in
/// `EngineRegistry.families`.
public protocol EngineAdapter: EventSource {
    /// The address it talks to, as the user writes it: `unix:///var/run/docker.sock`,
    /// `containerd:///run/containerd/containerd.sock`.
    var host: String { get }

    /// The events of a window, or live, for `reclaimd events`: fails if the first connection fails (a wrong host
    /// should say so at once), reconnects after that without delivering an event twice, and returns at `until`.
    /// `onReadEnd` follows the events of each read from the engine: where output is flushed.
    func watch(
        _ request: WatchRequest, onEvent: @escaping @Sendable (ReclaimEvent) async throws -> Void,
        onReadEnd: @escaping @Sendable () async throws -> Void
    ) async throws

    /// Runs `body` with a connection for garbage collection (the inventory, and one removal at a time), open for
    /// as long as `body` runs.
    func withCollection<Result: Sendable>(
        _ body: (any EngineCollection) async throws -> Result
    ) async throws -> Result
}

/// What `reclaimd events` asks an adapter for.
public struct WatchRequest: Sendable, Equatable {
    public var selection: EventSelection
    /// Replay from this time (engines that keep a backlog); nil: from now.
    public var since: Timestamp?
    /// Stop at this time; nil: until cancelled.
    public var until: Timestamp?

    public init(selection: EventSelection, since: Timestamp? = nil, until: Timestamp? = nil) {
        self.selection = selection
        self.since = since
        self.until = until
    }
}
