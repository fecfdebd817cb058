/// What the state store found at start: the loop restores from it.
public enum LoadedState: Sendable, Equatable {
    case fresh
    case restored(AgentState)
    /// The file was unusable and was moved to `movedTo`; the agent starts fresh.
    case setAside(movedTo: String, reason: String)
}
