/// Why a policy was evaluated: journaled with its summary (`RECLAIMD_TRIGGER`), a label of the metrics, counted by
/// `report`.
public enum EvaluationTrigger: String, Sendable, Equatable, CaseIterable {
    /// The first evaluation after the agent started, or after the policy was added by a reload.
    case start
    /// Its `interval` passed since the last one.
    case interval
    /// An event asked for it: a pull, build, load or creation (debounced).
    case event
    /// `reclaimd gc`.
    case manual
}
