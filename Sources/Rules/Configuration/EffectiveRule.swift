import Formats
import Time

/// A rule written back as TOML with every default filled in, as `reclaimd check` prints it.
///
/// `ConfigurationParser` reads it back to the same rule (durations are written exactly, not rounded to the
/// millisecond); the configuration fuzz target checks that for every configuration it finds valid.
public enum EffectiveRule {
    public static func toml(_ rule: RuleDefinition) -> String {
        func list(_ values: [String]) -> String { "[" + values.map(JSONText.quoted).joined(separator: ", ") + "]" }
        var lines = [
            "[[rule]]",
            "name = \(JSONText.quoted(rule.name))",
            "resources = \(list(rule.resources))",
            "actions = \(list(rule.actions))",
            "threshold = \(JSONText.quoted(String(rule.threshold)))  # \(ByteCountText.decimal(rule.threshold))",
            "quiet = \(JSONText.quoted(DurationText.exact(rule.quiet)))",
            "max_delay = \(JSONText.quoted(DurationText.exact(rule.maxDelay)))",
            "cooldown = \(JSONText.quoted(DurationText.exact(rule.cooldown)))",
            "hook = \(list(rule.hook))",
            "timeout = \(JSONText.quoted(DurationText.exact(rule.timeout)))",
            "max_batch_events = \(rule.maxBatchEvents)",
        ]
        if !rule.environment.isEmpty {
            let pairs = rule.environment.keys.sorted().map { "\($0) = \(JSONText.quoted(rule.environment[$0] ?? ""))" }
            lines.append("env = { \(pairs.joined(separator: ", ")) }")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
