/// The variables reclaimd sets for every hook run: the hook contract (README, "Writing your own hook").
/// The one list of them: the agent sets each, and a rule's `env` may set none.
public enum HookContract {
    /// One variable of the contract.
    public enum Variable: String, CaseIterable, Sendable {
        case path = "PATH"
        case lang = "LANG"
        case rule = "RECLAIMD_RULE"
        case reclaimedBytes = "RECLAIMD_RECLAIMED_BYTES"
        case eventCount = "RECLAIMD_EVENT_COUNT"
        case eventsOmitted = "RECLAIMD_EVENTS_OMITTED"
        case resources = "RECLAIMD_RESOURCES"
        case firstEventTime = "RECLAIMD_FIRST_EVENT_TIME"
        case lastEventTime = "RECLAIMD_LAST_EVENT_TIME"
        case trigger = "RECLAIMD_TRIGGER"
        case engine = "RECLAIMD_ENGINE"
        case engineHost = "RECLAIMD_ENGINE_HOST"
        case dataRoot = "RECLAIMD_DATA_ROOT"
    }

    /// Every name of the contract.
    public static let names: Set<String> = Set(Variable.allCases.map(\.rawValue))
}
