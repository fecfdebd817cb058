import Glibc

/// The size and free space of the filesystem holding a path (`statvfs`), as `df` reports them.
public struct FilesystemSpace: Sendable, Equatable {
    /// The filesystem's size in bytes (`df`'s Size).
    public var total: UInt64
    /// Bytes available to unprivileged users (`df`'s Avail).
    public var available: UInt64

    /// The filesystem holding `path`, or nil when `statvfs` fails.
    public static func of(_ path: String) -> FilesystemSpace? {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        let unit = UInt64(status.f_frsize)
        let (total, totalOverflow) = UInt64(status.f_blocks).multipliedReportingOverflow(by: unit)
        let (available, availableOverflow) = UInt64(status.f_bavail).multipliedReportingOverflow(by: unit)
        return FilesystemSpace(total: totalOverflow ? .max : total, available: availableOverflow ? .max : available)
    }
}
