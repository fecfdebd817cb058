/// How a hook run ended, as runFinished entries say in RECLAIMD_OUTCOME.
public enum RunOutcome: String, Sendable, CaseIterable {
    /// Exit status 0.
    case success
    /// Another exit status, a signal, or a hook that could not start.
    case failure
    /// The rule's timeout ended it.
    case timeout
}
