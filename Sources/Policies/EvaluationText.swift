import Formats
import Time

/// The `reclaimd gc --json` lines: one per removal, then one summary per policy and resource.
public enum EvaluationJSON {
    public static func line(_ outcome: RemovalOutcome) -> String {
        let removal = outcome.removal
        var writer = JSONObjectWriter(capacity: 256)
        writer.add("policy", removal.policy)
        writer.add("resource", removal.resource)
        writer.add("id", removal.id)
        writer.addRaw("references", JSONText.array(removal.references.map(JSONText.quoted)))
        writer.add("size", removal.size)
        writer.add("last_used", removal.lastUsed.rfc3339)
        writer.add("reason", removal.reason.rawValue)
        if let removed = outcome.removed {
            writer.addRaw("removed", removed ? "true" : "false")
            if let error = outcome.error { writer.add("error", error) }
        }
        return writer.finish()
    }

    public static func line(_ summary: EvaluationSummary) -> String {
        var writer = JSONObjectWriter(capacity: 160)
        writer.add("policy", summary.policy)
        if summary.resource != "image" { writer.add("resource", summary.resource) }
        writer.add(summary.dryRun ? "would_free" : "freed", summary.freed)
        writer.add("usage_before", summary.usageBefore)
        writer.add("usage_after", summary.usageAfter)
        if !summary.dryRun {
            writer.add("removed", summary.count)
            writer.add("failed", summary.failed)
        }
        writer.add("trigger", summary.trigger.rawValue)
        if let outside = summary.outsideScope { writer.add("outside_policy", outside) }
        return writer.finish()
    }

    /// The same as text for people.
    public static func text(_ outcome: RemovalOutcome) -> String {
        let removal = outcome.removal
        let verb = outcome.removed == nil ? "would remove" : (outcome.removed == true ? "removed" : "failed to remove")
        let names = removal.references.isEmpty ? "" : " (" + removal.references.joined(separator: ", ") + ")"
        let error = outcome.error.map { ": \($0)" } ?? ""
        return
            "\(removal.policy): \(verb) \(removal.resource) \(removal.id)\(names), \(ByteCountText.decimal(removal.size)), last used \(removal.lastUsed), reason \(removal.reason.rawValue)\(error)"
    }

    public static func text(_ summary: EvaluationSummary) -> String {
        let action = summary.dryRun ? "would free" : "freed"
        let outside = summary.outsideScope.map { ", \($0) outside the policy (only)" } ?? ""
        return
            "\(summary.policy) (\(summary.resource), \(summary.trigger.rawValue)): \(action) \(ByteCountText.decimal(summary.freed)), usage \(ByteCountText.decimal(summary.usageBefore)) → \(ByteCountText.decimal(summary.usageAfter)), \(summary.count) \(summary.dryRun ? "planned" : "removed")\(summary.failed > 0 ? ", \(summary.failed) failed" : "")\(outside)"
    }
}
