import Formats
import Time

/// A policy written back as TOML with every default filled in, as `reclaimd check` prints it; the parser reads
/// it back to the same policy.
public enum EffectivePolicy {
    public static func toml(_ policy: PolicyDefinition) -> String {
        func list(_ values: [String]) -> String { "[" + values.map(JSONText.quoted).joined(separator: ", ") + "]" }
        func limit(_ limit: PolicyDefinition.SizeLimit) -> String {
            switch limit {
            case .bytes(let bytes): return "\(JSONText.quoted(String(bytes)))  # \(ByteCountText.decimal(bytes))"
            case .percent: return "\(JSONText.quoted(limit.text))  # of the filesystem holding the data root"
            }
        }
        var lines = ["[[policy]]", "name = \(JSONText.quoted(policy.name))", "resources = \(list(policy.resources))"]
        lines.append(policy.maxTotalSize.map { "max_total_size = \(limit($0))" } ?? "# max_total_size: none")
        if let target = policy.effectiveTarget {
            lines.append("target_size = \(limit(target))")
        }
        lines.append(
            policy.maxUnused.map { "max_unused = \(JSONText.quoted(DurationText.exact($0)))" } ?? "# max_unused: off")
        lines += [
            "min_age = \(JSONText.quoted(DurationText.exact(policy.minAge)))",
            "keep = \(list(policy.keep))",
            policy.keepLatest.map { "keep_latest = \($0)" } ?? "# keep_latest: off",
            policy.only.isEmpty ? "# only: everything (no scope)" : "only = \(list(policy.only))",
            "interval = \(JSONText.quoted(DurationText.exact(policy.interval)))",
            "dry_run = \(policy.dryRun)",
            "max_removals_per_run = \(policy.maxRemovalsPerRun)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
