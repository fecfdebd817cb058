import ContainerdMessages

/// What an image takes in containerd's content store for one platform: the blobs walked from its target (the
/// index if any, the platform's manifest, its config and layers), each with the size the content store has for
/// it, and their sum. Blobs the store does not have (layers of a platform never pulled, or already collected)
/// are listed apart and count nothing.
///
/// The sum counts each blob once; blobs shared with other images are counted here too, so removing the image
/// frees at most this much.
public struct ContainerdImageSize: Sendable, Equatable {
    /// The blobs present in the content store, in walk order, with their stored size.
    public var blobs: [ContainerdDescriptor]
    /// Blobs the image refers to that the content store lacks.
    public var missing: [ContainerdDescriptor]
    /// The platform whose manifest was walked, as `os/architecture[/variant]`.
    public var platform: String

    public init(blobs: [ContainerdDescriptor], missing: [ContainerdDescriptor], platform: String) {
        self.blobs = blobs
        self.missing = missing
        self.platform = platform
    }

    /// The bytes the present blobs take.
    public var total: Int64 { blobs.reduce(0) { $0 + $1.size } }
}
