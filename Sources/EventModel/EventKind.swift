/// The engine-neutral names of what an event means for disk space, the `kind` of a `ReclaimEvent`. Rules may
/// select by kind or by the engine's raw action name; `events --json`, the hook's stdin and the journal carry both.
public enum EventKind {
    /// A prune: Docker's `prune` with its `reclaimed` bytes, Podman's per-volume `prune` (no bytes).
    public static let prune = "prune"
    /// One object removed: Docker's container `destroy`, image `delete`, volume `destroy`; Podman's container
    /// `remove`, image `delete` or `remove`, volume `remove`. No engine reports the bytes.
    public static let remove = "remove"
    /// Free space on a watched filesystem grew (the filesystem source), by the bytes it reports.
    public static let freed = "freed"

    /// The kinds that free space: what `reclaimd events` prints without `--all`, and what rules select by default
    /// (`prune` and `remove`).
    public static let spaceFreeing: Set<String> = [prune, remove, freed]
}
