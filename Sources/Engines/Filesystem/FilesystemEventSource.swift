import EventModel
import Formats
import Time
import Glibc
import Logging
import EngineAdapter
import Rules
import SystemIO

/// The filesystem itself as an event source: samples free space (`statvfs`) on each path every interval and,
/// when it grew since the previous sample, reports `filesystem freed` with the growth as reclaimed bytes.
///
/// It sees what no engine event reports: files deleted inside a running container, a bind mount or a build.
/// Growth is measured per sample, so space consumed and freed again between two samples is invisible, and space
/// freed while something else fills the disk shows as the difference.
public struct FilesystemEventSource: EventSource {
    /// What it reports.
    public static let vocabulary = EventVocabulary(resources: [FilesystemWatch.resource])

    public let paths: [String]
    public let interval: Duration
    public let logger: Logger

    public init(paths: [String], interval: Duration, logger: Logger) {
        self.paths = paths
        self.interval = interval
        self.logger = logger
    }

    /// Samples until cancelled. The first sample of each path is its baseline; a path that cannot be read is
    /// journaled once and tried again at every interval.
    public func follow(_ request: FollowRequest, report: @escaping @Sendable (SourceReport) async -> Void) async throws
    {
        var previous: [String: UInt64] = [:]
        var failing: Set<String> = []
        while true {
            for path in paths {
                guard let free = Self.availableBytes(path) else {
                    if failing.insert(path).inserted {
                        logger.warning(
                            "cannot read free space of \(path): \(String(cString: strerror(errno))); trying again every \(DurationText.format(interval))"
                        )
                    }
                    continue
                }
                failing.remove(path)
                if let before = previous[path], free > before {
                    await report(.sample(Self.event(path: path, freed: free - before, free: free, at: Timestamp.now())))
                }
                previous[path] = free
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Bytes available on the filesystem holding `path` (`df`'s Avail), or nil.
    public static func availableBytes(_ path: String) -> UInt64? {
        FilesystemSpace.of(path)?.available
    }

    /// The event for `freed` more bytes available on `path`'s filesystem at `time`.
    public static func event(path: String, freed: UInt64, free: UInt64, at time: Timestamp) -> ReclaimEvent {
        ReclaimEvent(
            source: FilesystemWatch.resource, resource: FilesystemWatch.resource, action: EventKind.freed,
            kind: EventKind.freed,
            reclaimedBytes: freed, actorID: path, attributes: ["available_bytes": String(free)], time: time,
            key: EventKey(hashing: [FilesystemWatch.resource, path, String(time.nanoseconds)]))
    }
}
