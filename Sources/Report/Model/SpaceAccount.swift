/// Where space went in a window, side by side: what the engines reported freeing, what garbage collection
/// removed, what the filesystem source saw freed, and what fstrim trimmed (what a Desktop VM's disk image can give
/// back to the host). The four are different measurements of overlapping things, never added up.
public struct SpaceAccount: Sendable, Equatable {
    /// The engines' own figures: prunes' reclaimed bytes (removals report none).
    public var reportedBytes: UInt64
    /// Prunes whose engine said nothing of bytes (Podman, containerd): the reported figure leaves them out.
    public var prunesWithoutBytes: Int
    /// Removals, which no engine sizes.
    public var removals: Int
    /// The objects garbage-collection policies removed, at the sizes the policies saw.
    public var policyRemovedBytes: UInt64
    /// Growth of free space on the watched filesystems (the filesystem source).
    public var filesystemFreedBytes: UInt64
    /// What fstrim reported discarding, in hook output.
    public var trimmedBytes: UInt64
    /// fstrim's reports counted.
    public var trimReports: Int

    public init(_ summary: Summary) {
        reportedBytes = summary.reclaimedBytes
        prunesWithoutBytes = summary.prunesWithoutBytes
        removals = summary.removals
        policyRemovedBytes = summary.policies.values.reduce(0) { $0.addingSaturating($1.removedBytes) }
        filesystemFreedBytes = summary.filesystemFreedBytes
        let runs = summary.allRuns
        trimmedBytes = runs.trimmedBytes
        trimReports = runs.trimReports
    }
}

extension Summary {
    /// This summary's space account.
    public var account: SpaceAccount { SpaceAccount(self) }
}
