import Formats
import Journal
import Policies

/// The journal entries of a policy's evaluation: one per removal, one summary.
public enum PolicyJournal {
    public static func removal(_ outcome: RemovalOutcome) -> JournalEntry {
        let removal = outcome.removal
        var entry = JournalEntry(message: EvaluationJSON.text(outcome), priority: outcome.removed == false ? .warning : .info,
                                 messageID: .policyRemoval)
        entry.add("policy", removal.policy)
        entry.add("resource", removal.resource)
        entry.add("object_id", removal.id)
        entry.add("references", removal.references.joined(separator: ","))
        entry.add("size", String(removal.size))
        entry.add("reason", removal.reason.rawValue)
        entry.add("last_used", removal.lastUsed.rfc3339)
        if let removed = outcome.removed {
            entry.add("removed", removed ? "true" : "false")
        } else {
            entry.add("dry_run", "true")
        }
        if let error = outcome.error { entry.add("error", error) }
        return entry
    }

    public static func summary(_ summary: EvaluationSummary) -> JournalEntry {
        var entry = JournalEntry(message: EvaluationJSON.text(summary), priority: .info, messageID: .policyEvaluated)
        entry.add("policy", summary.policy)
        entry.add("resource", summary.resource)
        entry.add("freed_bytes", String(summary.freed))
        entry.add("usage_before", String(summary.usageBefore))
        entry.add("usage_after", String(summary.usageAfter))
        entry.add("count", String(summary.count))
        entry.add("failed", String(summary.failed))
        entry.add("duration_ms", String(summary.duration.totalNanoseconds / 1_000_000))
        if summary.dryRun { entry.add("dry_run", "true") }
        return entry
    }
}
