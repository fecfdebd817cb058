/// Whose files a process may trust: root's, and its own when it is not root.
///
/// A root agent trusts only root, as cron, sudo and OpenSSH's StrictModes do: any other owner could change what
/// root then reads or runs. An agent running as a user also trusts that user (the files are theirs to change
/// anyway), and root (the system's directories, `/usr/bin/…`), and no one else.
public struct TrustedOwners: Sendable, Equatable {
    /// The user the process runs as (its effective uid).
    public var user: UInt32

    public init(user: UInt32) {
        self.user = user
    }

    /// Whether `owner` may own something on the way to a trusted path.
    public func trusts(_ owner: UInt32) -> Bool {
        owner == 0 || owner == user
    }
}
