/// The engine-neutral names of what an event means, the `kind` of a `ReclaimEvent`: every adapter maps its
/// engine's own actions onto these, so rules and policies never name an engine's actions. Rules may still select
/// by the engine's raw action name; `events --json`, the hook's stdin and the journal carry both.
public enum EventKind {
    /// A prune: Docker's `prune` with its `reclaimed` bytes, Podman's per-volume `prune` (no bytes).
    public static let prune = "prune"
    /// One object removed (Docker's container `destroy`, Podman's `remove`, containerd's `/images/delete`, ...).
    /// No engine reports the bytes.
    public static let remove = "remove"
    /// Free space on a watched filesystem grew (the filesystem source), by the bytes it reports.
    public static let freed = "freed"
    /// An image was used: pulled, tagged, loaded, imported, built, committed, or a container was created from it or
    /// started. The event's `imageUse` names the images; garbage-collection policies learn last use from it.
    public static let use = "use"

    /// The kinds that free space: what `reclaimd events` prints without `--all`, and what rules select by default
    /// (`prune` and `remove`).
    public static let spaceFreeing: Set<String> = [prune, remove, freed]

    /// Every neutral kind: a rule's action that is one of these selects by kind, any other by the raw action.
    public static let all: Set<String> = [prune, remove, freed, use]
}
