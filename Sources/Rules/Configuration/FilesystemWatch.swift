/// `[filesystem]`: which filesystems the filesystem source samples, and how often.
public struct FilesystemWatch: Sendable, Equatable {
    /// Absolute paths whose filesystems are sampled; nil means the engine's data root, once the engine says it.
    public var paths: [String]?
    /// How often free space is sampled: one `statvfs` per path and interval.
    public var interval: Duration

    public static let defaultInterval = Duration.seconds(30)
    /// The resource of the source's events, which rules select.
    public static let resource = "filesystem"

    public init(paths: [String]? = nil, interval: Duration = FilesystemWatch.defaultInterval) {
        self.paths = paths
        self.interval = interval
    }
}
