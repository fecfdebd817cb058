/// What the engines reported for one resource type (container, image, volume, ...).
public struct ResourceTotals: Sendable, Equatable {
    /// The sum of RECLAIMD_RECLAIMED_BYTES of its prune events: the engine's own count.
    public var reclaimedBytes: UInt64 = 0
    /// Its prune events.
    public var prunes = 0
    /// Prune events without a byte count (Podman never reports one), so `reclaimedBytes` is a lower bound when
    /// this is not zero.
    public var prunesWithoutBytes = 0
    /// Objects removed one by one (`docker rm`, `rmi`, `volume rm`, and the removals a prune reports).
    public var removals = 0

    public init() {}

    public mutating func merge(_ other: ResourceTotals) {
        reclaimedBytes = reclaimedBytes.addingSaturating(other.reclaimedBytes)
        prunes += other.prunes
        prunesWithoutBytes += other.prunesWithoutBytes
        removals += other.removals
    }
}
