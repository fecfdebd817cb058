import Rules

/// What the agent persists so that a restart loses nothing: where the event stream was, and each rule's batch.
public struct AgentState: Codable, Sendable, Equatable {
    /// The format of the file; a file with another version is set aside.
    public static let currentVersion = 1

    public var version: Int = AgentState.currentVersion
    /// The time of the last event fully handled (journaled and given to the rules); replay resumes here.
    public var cursorTimeNano: Int64?
    /// Keys of the events handled at the cursor's nanosecond, to drop them when the replay repeats them.
    public var cursorKeys: [String] = []
    /// The engine's ID when the cursor was taken; a different ID at resume means its backlog is not ours.
    public var engineID: String?
    /// Per rule, by name.
    public var rules: [String: RuleState] = [:]

    public init() {}

    /// One rule's part of the state.
    public struct RuleState: Codable, Sendable, Equatable {
        /// Events collected toward the next run.
        public var pending: [RuleEvent] = []
        /// The batch of a run in progress: it runs again after a restart (at least once).
        public var inFlight: [RuleEvent] = []
        /// The process group of the hook in progress, ended at restart if it is still there.
        public var inFlightProcessGroup: Int32?
        /// The hook's path, to make sure a process group found at restart is still that hook.
        public var inFlightProgram: String?
        /// When the rule last started a run, for its cooldown.
        public var lastStartNano: Int64?

        public init() {}
    }
}
