import Policies

/// An engine's side of garbage collection: what the policies decide on, and the removals they decide. Every call
/// is the engine's own (never forced); a refusal throws `EngineError` with the engine's message.
public protocol EngineCollection: Sendable {
    /// Where the engine keeps its data: a percentage limit is of the filesystem holding it.
    var dataRoot: String { get }

    /// Images with their own sizes, the containers that use them, and the images' usage, measured now.
    func inventory() async throws -> Inventory

    /// Containers with their writable layers' sizes and, for exited ones, when they stopped.
    func containers() async throws -> [ContainerRecord]

    /// Removes one reference of the image `id` (the last one removes the image), or an image without references
    /// by its ID (`reference` is then the ID); what the engine says it untagged and deleted (garbage collection
    /// plans on from that answer, without measuring again).
    func removeImage(_ reference: String, of id: String) async throws -> ImageRemoval

    /// Removes a stopped container.
    func removeContainer(_ id: String) async throws

    /// The build cache's size; nil when this engine has no build cache to collect.
    func buildCacheUsage() async throws -> UInt64?

    /// Prunes the build cache down to `keepStorage` bytes among records unused for `until`; false when the engine
    /// turns out to have no build cache.
    func pruneBuildCache(keepStorage: UInt64, until: Duration) async throws -> Bool

    /// The uses the engine still holds in its event backlog, up to now (for a one-shot `reclaimd gc`, which has no
    /// stream to learn from); empty for an engine without a backlog.
    func recentUses() async throws -> LastUse
}
