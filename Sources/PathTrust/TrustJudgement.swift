/// The judgement alone: given what is on the way to a path, is every entry one the agent may trust? Pure.
///
/// The rules, as sudo and OpenSSH's StrictModes judge paths:
/// - every entry (each directory from `/`, each symlink followed, the file) is owned by a trusted owner
///   (`TrustedOwners`): a symlink's owner counts too, since in a sticky directory its owner may replace it;
/// - the file is writable by neither group nor others;
/// - a directory writable by group or others is accepted only with the sticky bit and a trusted owner that is
///   root (or, for an agent that is not root, the running user): then no one else may rename or remove what
///   others put there (`/tmp`). Otherwise anyone who may write it could swap the file between a check and a run.
public enum TrustJudgement {
    /// The first entry of `entries` that may not be trusted and why, or nil when all may.
    public static func fault(in entries: [PathEntry], trusted: TrustedOwners) -> (PathEntry, PathTrustProblem.Reason)? {
        for entry in entries {
            guard trusted.trusts(entry.owner) else { return (entry, .owner) }
            switch entry.kind {
            case .symlink:
                continue
            case .file:
                if entry.mode & PathEntry.othersWrite != 0 { return (entry, .writableFile) }
            case .directory:
                // Its owner is trusted by now: sticky is what makes it shared on purpose.
                let sharedOnPurpose = entry.mode & PathEntry.sticky != 0
                if entry.mode & PathEntry.othersWrite != 0, !sharedOnPurpose { return (entry, .writableDirectory) }
            }
        }
        return nil
    }
}
