/// Why a path may not be trusted: which entry on the way, its owner and mode, and the command that fixes it.
public struct PathTrustProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Owned by someone the agent does not trust.
        case owner
        /// A file writable by group or others.
        case writableFile
        /// A directory writable by group or others without the sticky bit (or sticky but not root's).
        case writableDirectory
        /// The path could not be walked (missing, unreadable, a symlink loop).
        case unwalkable(String)
    }

    /// What the path is to the agent, e.g. `configuration` or `hook of rule "trim"`.
    public var role: String
    /// The path as configured.
    public var subject: String
    /// The entry at fault, nil when the walk itself failed.
    public var entry: PathEntry?
    public var reason: Reason
    /// The running user's trust, for the fix.
    public var trusted: TrustedOwners
    /// How uid numbers are named in the message (`OwnerName.of` outside tests).
    public var ownerName: @Sendable (UInt32) -> String
    /// The running user as `chown` takes it, for the fix.
    public var chownName: String

    public static func == (lhs: PathTrustProblem, rhs: PathTrustProblem) -> Bool {
        lhs.role == rhs.role && lhs.subject == rhs.subject && lhs.entry == rhs.entry && lhs.reason == rhs.reason
            && lhs.trusted == rhs.trusted
    }

    /// The permission bits as `ls` and `chmod` write them: four octal digits.
    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `group`, `others` or `group and others`, and the matching `chmod` letters.
    static func writers(_ mode: UInt32) -> (who: String, letters: String) {
        switch (mode & 0o020 != 0, mode & 0o002 != 0) {
        case (true, true): return ("group and others", "go")
        case (true, false): return ("its group", "g")
        default: return ("others", "o")
        }
    }

    public var description: String {
        guard let entry else {
            if case .unwalkable(let why) = reason { return "\(role) \(subject) cannot be checked: \(why)" }
            return "\(role) \(subject) cannot be checked"
        }
        let kind = entry.kind == .directory ? "directory" : entry.kind == .symlink ? "symlink" : "file"
        let on: String
        if entry.path == subject {
            on = "\(role) \(subject)"
        } else if entry.kind == .file {
            on = "\(role) \(subject) (through a symlink, the file \(entry.path))"
        } else {
            on = "\(role) \(subject): the \(kind) \(entry.path) on the way to it"
        }
        let facts = "owner \(ownerName(entry.owner)), mode \(Self.octal(entry.mode))"
        let runningAs =
            trusted.user == 0
            ? "a root agent trusts only root's files"
            : "an agent running as \(ownerName(trusted.user)) trusts only its own and root's files"
        switch reason {
        case .owner:
            return
                "\(on) is not safe: it is owned by \(ownerName(entry.owner)) (\(facts)) and \(runningAs); fix: chown \(chownName) '\(entry.path)'"
        case .writableFile:
            let (who, letters) = Self.writers(entry.mode)
            return "\(on) is not safe: it is writable by \(who) (\(facts)); fix: chmod \(letters)-w '\(entry.path)'"
        case .writableDirectory:
            let (who, letters) = Self.writers(entry.mode)
            return
                "\(on) is not safe: the directory is writable by \(who) (\(facts)), who could rename what it holds and put their own in its place; fix: chmod \(letters)-w '\(entry.path)' (or, for a directory shared on purpose such as /tmp: chown root '\(entry.path)' && chmod +t '\(entry.path)')"
        case .unwalkable(let why):
            return "\(on) cannot be checked: \(why)"
        }
    }
}
