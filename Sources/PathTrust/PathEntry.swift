/// One thing on the way to a path, as `lstat` saw it: a directory passed through, a symlink followed, or the
/// file at the end. Plain values, so the judgement (`TrustJudgement`) can be tested with made-up owners and
/// modes, without creating users or files.
public struct PathEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case directory
        case symlink
        /// The file at the end (a regular file, or anything else that is not a directory or a symlink).
        case file
    }

    /// The path of this entry, with every symlink before it resolved.
    public var path: String
    public var kind: Kind
    public var owner: UInt32
    /// The permission bits, with set-id and sticky bits (`st_mode & 0o7777`).
    public var mode: UInt32

    public init(path: String, kind: Kind, owner: UInt32, mode: UInt32) {
        self.path = path
        self.kind = kind
        self.owner = owner
        self.mode = mode & 0o7777
    }

    /// Group-write and other-write bits.
    static let othersWrite: UInt32 = 0o022
    static let sticky: UInt32 = 0o1000
}
