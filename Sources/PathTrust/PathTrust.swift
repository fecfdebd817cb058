import Glibc

/// Whether the agent may trust a path it reads or runs: the walk (`PathWalk`) judged (`TrustJudgement`).
///
/// reclaimd runs as root and starts what its configuration names, so whoever can change the configuration, a
/// hook, or any directory on the way to either (by renaming an entry away and putting their own in its place)
/// could run anything as root. Checked by `check`, by `run` at start, and by every reload.
public enum PathTrust {
    /// The problem with `path` for a process whose effective uid is `user`, or nil when it may be trusted.
    /// `role` names what the path is in the message (`configuration`, `rule "trim": hook`).
    ///
    /// `ownerOnlyAtEnd`: the last entry is judged by its owner alone, for a directory whose mode the agent sets
    /// itself (the state directory, made 0700), where only the way to it and whose it is matter.
    public static func problem(
        with path: String, role: String, trusted: TrustedOwners = TrustedOwners(user: geteuid()),
        ownerOnlyAtEnd: Bool = false
    ) -> PathTrustProblem? {
        switch PathWalk.entries(of: path) {
        case .failure(let failure):
            return PathTrustProblem(
                role: role, subject: path, entry: nil, reason: .unwalkable(failure.message),
                trusted: trusted, ownerName: OwnerName.of, chownName: OwnerName.forChown(trusted.user))
        case .success(var entries):
            if ownerOnlyAtEnd, let last = entries.last, last.kind == .directory {
                entries[entries.count - 1].mode = last.mode & ~PathEntry.othersWrite
            }
            guard let (entry, reason) = TrustJudgement.fault(in: entries, trusted: trusted) else { return nil }
            return PathTrustProblem(
                role: role, subject: path, entry: entry, reason: reason, trusted: trusted,
                ownerName: OwnerName.of, chownName: OwnerName.forChown(trusted.user))
        }
    }
}
