import Formats
import Time
import Rules

/// The environment a hook runs with, and nothing else: the hook contract (`HookContract`, README "Writing your
/// own hook").
public enum HookEnvironment {
    /// The only PATH a hook gets.
    public static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// What the hook knows about the source of its events.
    public struct EngineContext: Sendable, Equatable {
        /// `docker` or `podman`.
        public var kind: String
        /// The engine's address, e.g. `unix:///var/run/docker.sock`.
        public var host: String
        /// Where the engine keeps its data; empty until the engine told.
        public var dataRoot: String

        public init(kind: String, host: String, dataRoot: String) {
            self.kind = kind
            self.host = host
            self.dataRoot = dataRoot
        }
    }

    /// PATH, LANG (when the agent has one), the rule's `env`, then the contract's variables, which win.
    public static func build(
        rule: RuleDefinition, decision: Decision, engine: EngineContext, lang: String?
    ) -> [String: String] {
        var environment = rule.environment
        func set(_ variable: HookContract.Variable, _ value: String) {
            environment[variable.rawValue] = value
        }
        set(.path, path)
        if let lang { set(.lang, lang) }
        let batch = decision.batch
        set(.rule, rule.name)
        set(.reclaimedBytes, String(batch.totalBytes))
        set(.eventCount, String(batch.eventCount))
        set(.eventsOmitted, String(batch.omittedCount))
        set(.resources, batch.resources.joined(separator: ","))
        set(.firstEventTime, batch.firstEventTime?.rfc3339 ?? "")
        set(.lastEventTime, batch.lastEventTime?.rfc3339 ?? "")
        set(.trigger, decision.trigger.rawValue)
        set(.engine, engine.kind)
        set(.engineHost, engine.host)
        set(.dataRoot, engine.dataRoot)
        return environment
    }
}
