import Rules

/// What the agent persists so that a restart loses nothing: where the event stream was, and each rule's batch.
///
/// The file's schema is explicit (every key spelled out below, never derived from a Swift name) and versioned.
/// Version 1 (reclaimd 0.1.0) and version 2 are read forever; version 2 is written. Golden files of each are in
/// the tests.
/// - 1: `version`, `cursorTimeNano`, `cursorKeys`, `engineID`, `rules` → {`pending`, `inFlight`,
///   `inFlightProcessGroup`, `inFlightProgram`, `lastStartNano`}; events {`resource`, `action`,
///   `reclaimedBytes`, `time`, `json`}.
/// - 2: a rule's batches become `pendingBatch` and `inFlightBatch`, each {`events` (at most the rule's
///   `max_batch_events`), `eventCount`, `totalBytes`, `resources`, `firstEventTime`, `lastEventTime`}, so a
///   batch of a million events costs what one of a thousand does; events gain `kind`; a rule gains
///   `inFlightBootID` and `inFlightLeaderStartTime`, so that a restart ends a hook's process group only when it is
///   provably that hook's.
///   Also in version 2, optional (older files lack it): `imageLastUse`, {name or ID: Unix nanoseconds}, when
///   each image was last used, learned from the event stream for the garbage-collection policies.
public struct AgentState: Codable, Sendable, Equatable {
    /// The version this build writes.
    public static let currentVersion = 2
    /// The versions this build reads.
    public static let readableVersions: ClosedRange<Int> = 1...2

    public var version: Int = AgentState.currentVersion
    /// The time of the last event fully handled (journaled and given to the rules); replay resumes here.
    public var cursorTimeNano: Int64?
    /// Keys of the events handled at the cursor's nanosecond, to drop them when the replay repeats them.
    public var cursorKeys: [String] = []
    /// The engine's ID when the cursor was taken; a different ID at resume means its backlog is not ours.
    public var engineID: String?
    /// Per rule, by name.
    public var rules: [String: RuleState] = [:]
    /// When each image was last used (by ID or reference), for the policies.
    public var imageLastUse: [String: Int64] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case version
        case cursorTimeNano
        case cursorKeys
        case engineID
        case rules
        case imageLastUse
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        cursorTimeNano = try container.decodeIfPresent(Int64.self, forKey: .cursorTimeNano)
        cursorKeys = try container.decodeIfPresent([String].self, forKey: .cursorKeys) ?? []
        engineID = try container.decodeIfPresent(String.self, forKey: .engineID)
        rules = try container.decodeIfPresent([String: RuleState].self, forKey: .rules) ?? [:]
        imageLastUse = try container.decodeIfPresent([String: Int64].self, forKey: .imageLastUse) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encodeIfPresent(cursorTimeNano, forKey: .cursorTimeNano)
        try container.encode(cursorKeys, forKey: .cursorKeys)
        try container.encodeIfPresent(engineID, forKey: .engineID)
        try container.encode(rules, forKey: .rules)
        if !imageLastUse.isEmpty { try container.encode(imageLastUse, forKey: .imageLastUse) }
    }

    /// One rule's part of the state.
    public struct RuleState: Codable, Sendable, Equatable {
        /// Events collected toward the next run.
        public var pending = Batch()
        /// The batch of a run in progress: it runs again after a restart (at least once).
        public var inFlight = Batch()
        /// The hook in progress, ended at restart if it is still provably there.
        public var inFlightHook: ProcessGroupRecord?
        /// When the rule last started a run (wall clock), for its cooldown.
        public var lastStartNano: Int64?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case pendingBatch
            case inFlightBatch
            /// Version 1: the events alone.
            case pending
            case inFlight
            case inFlightProcessGroup
            case inFlightProgram
            case inFlightBootID
            case inFlightLeaderStartTime
            case lastStartNano
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            pending =
                try container.decodeIfPresent(Batch.self, forKey: .pendingBatch)
                ?? Batch(events: try container.decodeIfPresent([RuleEvent].self, forKey: .pending) ?? [])
            inFlight =
                try container.decodeIfPresent(Batch.self, forKey: .inFlightBatch)
                ?? Batch(events: try container.decodeIfPresent([RuleEvent].self, forKey: .inFlight) ?? [])
            lastStartNano = try container.decodeIfPresent(Int64.self, forKey: .lastStartNano)
            if let group = try container.decodeIfPresent(Int32.self, forKey: .inFlightProcessGroup) {
                inFlightHook = ProcessGroupRecord(
                    group: group,
                    program: try container.decodeIfPresent(String.self, forKey: .inFlightProgram) ?? "",
                    bootID: try container.decodeIfPresent(String.self, forKey: .inFlightBootID),
                    leaderStartTime: try container.decodeIfPresent(UInt64.self, forKey: .inFlightLeaderStartTime))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pending, forKey: .pendingBatch)
            try container.encode(inFlight, forKey: .inFlightBatch)
            try container.encodeIfPresent(lastStartNano, forKey: .lastStartNano)
            if let hook = inFlightHook {
                try container.encode(hook.group, forKey: .inFlightProcessGroup)
                try container.encode(hook.program, forKey: .inFlightProgram)
                try container.encodeIfPresent(hook.bootID, forKey: .inFlightBootID)
                try container.encodeIfPresent(hook.leaderStartTime, forKey: .inFlightLeaderStartTime)
            }
        }
    }
}
