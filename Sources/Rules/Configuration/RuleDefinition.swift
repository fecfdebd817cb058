/// One rule as configured: which events it collects, when it fires, and the hook it starts.
public struct RuleDefinition: Sendable, Equatable {
    public var name: String
    /// Object types whose events match, from the sources' vocabulary (engines: `container`, `image`, `volume`,
    /// `network`, `builder`).
    public var resources: [String]
    /// Event actions that match, by kind (`prune`, `remove`, `freed`, `use`) or by the engine's raw name
    /// (`destroy`); by default the space-freeing kinds the resources have (`EventVocabulary.defaultActions`):
    /// `prune` and `remove` for engine resources, `freed` for `filesystem`.
    public var actions: [String]
    /// The batch total of reclaimed bytes that arms the rule.
    public var threshold: UInt64
    /// Fire this long after the last matching event.
    public var quiet: Duration
    /// Fire at the latest this long after arming.
    public var maxDelay: Duration
    /// Least time between the starts of two runs.
    public var cooldown: Duration
    /// The hook's argv; the first element is an absolute path. Never run through a shell.
    public var hook: [String]
    /// Then SIGTERM to the hook's process group, SIGKILL 10 s later.
    public var timeout: Duration
    /// Extra environment for the hook.
    public var environment: [String: String]
    /// Events a batch keeps for the hook's stdin (its totals count every event).
    public var maxBatchEvents: Int

    public static let defaultHook = "/usr/libexec/reclaimd/hooks/fstrim"

    public init(
        name: String, resources: [String], actions: [String] = RuleDefinition.defaultActions,
        threshold: UInt64 = 0, quiet: Duration = .seconds(10), maxDelay: Duration = .seconds(60),
        cooldown: Duration = .zero, hook: [String], timeout: Duration = .seconds(600),
        environment: [String: String] = [:],
        maxBatchEvents: Int = Batch.defaultEventLimit
    ) {
        self.name = name
        self.resources = resources
        self.actions = actions
        self.threshold = threshold
        self.quiet = quiet
        self.maxDelay = maxDelay
        self.cooldown = cooldown
        self.hook = hook
        self.timeout = timeout
        self.environment = environment
        self.maxBatchEvents = maxBatchEvents
    }

    /// Without a configuration file: Docker Desktop's trim-after-delete. Prunes of everything that holds data,
    /// threshold 0, quiet 10 s, the shipped fstrim hook.
    public static let builtInTrim = RuleDefinition(
        name: "trim", resources: ["container", "image", "volume", "builder"], hook: [defaultHook])

    /// What a rule on engine resources selects without `actions`: every prune and every removal (the parser
    /// gives each rule the kinds its resources have: `EventVocabulary.defaultActions`).
    public static let defaultActions = ["prune", "remove"]

    /// Whether an event belongs to the rule: one of its resources, and its kind or raw action among the actions.
    public func matches(_ event: RuleEvent) -> Bool {
        resources.contains(event.resource) && (actions.contains(event.kind) || actions.contains(event.action))
    }
}

/// The whole configuration.
public struct AgentConfiguration: Sendable, Equatable {
    /// `[engine] host`, when set.
    public var engineHost: String?
    /// `[engine] namespaces`, when set: the namespaces followed and collected in, on engines that have them.
    public var engineNamespaces: [String]?
    /// `[state] dir`, when set.
    public var stateDirectory: String?
    /// `[filesystem]`, when present.
    public var filesystem: FilesystemWatch?
    /// `[metrics]`; off by default.
    public var metrics: MetricsSettings
    public var rules: [RuleDefinition]
    /// `[[policy]]`: garbage-collection policies, in file order.
    public var policies: [PolicyDefinition]

    public init(
        engineHost: String? = nil, stateDirectory: String? = nil, filesystem: FilesystemWatch? = nil,
        metrics: MetricsSettings = MetricsSettings(), rules: [RuleDefinition], policies: [PolicyDefinition] = []
    ) {
        self.engineHost = engineHost
        self.stateDirectory = stateDirectory
        self.filesystem = filesystem
        self.metrics = metrics
        self.rules = rules
        self.policies = policies
    }

    /// The filesystem source to run: `[filesystem]` when some rule selects its events, else none (it costs a
    /// wakeup per interval, which nobody would use).
    public var activeFilesystemWatch: FilesystemWatch? {
        rules.contains { $0.resources.contains(FilesystemWatch.resource) } ? filesystem : nil
    }

    /// The configuration used when no file exists.
    public static let builtIn = AgentConfiguration(rules: [.builtInTrim])
}
