import Formats
import Rules

/// The environment a hook runs with, and nothing else: the hook contract (README, "Writing your own hook").
public enum HookEnvironment {
    /// The only PATH a hook gets.
    public static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// What the hook knows about the engine it serves.
    public struct EngineContext: Sendable, Equatable {
        public var kind: String
        public var host: String
        public var dataRoot: String

        public init(kind: String, host: String, dataRoot: String) {
            self.kind = kind
            self.host = host
            self.dataRoot = dataRoot
        }
    }

    /// PATH, LANG (when the agent has one), the rule's `env`, then the RECLAIMD_ variables, which win.
    public static func build(rule: RuleDefinition, decision: Decision, engine: EngineContext, lang: String?) -> [String: String] {
        var environment = rule.environment
        environment["PATH"] = path
        if let lang { environment["LANG"] = lang }
        let batch = decision.batch
        environment["RECLAIMD_RULE"] = rule.name
        environment["RECLAIMD_RECLAIMED_BYTES"] = String(batch.totalBytes)
        environment["RECLAIMD_EVENT_COUNT"] = String(batch.events.count)
        environment["RECLAIMD_RESOURCES"] = batch.resources.joined(separator: ",")
        environment["RECLAIMD_FIRST_EVENT_TIME"] = batch.firstEventTime?.rfc3339 ?? ""
        environment["RECLAIMD_LAST_EVENT_TIME"] = batch.lastEventTime?.rfc3339 ?? ""
        environment["RECLAIMD_TRIGGER"] = decision.trigger.rawValue
        environment["RECLAIMD_ENGINE"] = engine.kind
        environment["RECLAIMD_ENGINE_HOST"] = engine.host
        environment["RECLAIMD_DATA_ROOT"] = engine.dataRoot
        return environment
    }
}
