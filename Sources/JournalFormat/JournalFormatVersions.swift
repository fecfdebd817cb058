/// What older versions of reclaimd wrote differently, for readers of old journals (`report`).
public enum JournalFormatVersions {
    /// reclaimd 0.1.0 journaled events without RECLAIMD_KIND: a removal then shows only as the raw action Docker or
    /// Podman sent for removing one object, on one of these resources.
    public static let kindlessRemovalActions: Set<String> = ["destroy", "delete", "remove"]
    public static let kindlessRemovalResources: Set<String> = ["container", "image", "volume"]
}
