import Formats
import Time
import Policies

/// The journal entries of a policy's evaluation: one per removal, one summary.
public enum PolicyJournal {
    public static func removal(_ outcome: RemovalOutcome) -> JournalEntry {
        let removal = outcome.removal
        var entry = JournalEntry(
            message: EvaluationJSON.text(outcome), priority: outcome.removed == false ? .warning : .info,
            messageID: .policyRemoval)
        entry.add(JournalField.policy, removal.policy)
        entry.add(JournalField.resource, removal.resource)
        entry.add(JournalField.objectID, removal.id)
        entry.add(JournalField.references, removal.references.joined(separator: ","))
        entry.add(JournalField.size, String(removal.size))
        entry.add(JournalField.reason, removal.reason.rawValue)
        entry.add(JournalField.lastUsed, removal.lastUsed.rfc3339)
        if let removed = outcome.removed {
            entry.add(JournalField.removed, removed ? "true" : "false")
        } else {
            entry.add(JournalField.dryRun, "true")
        }
        if let error = outcome.error { entry.add(JournalField.error, error) }
        return entry
    }

    public static func summary(_ summary: EvaluationSummary) -> JournalEntry {
        var entry = JournalEntry(message: EvaluationJSON.text(summary), priority: .info, messageID: .policyEvaluated)
        entry.add(JournalField.policy, summary.policy)
        entry.add(JournalField.resource, summary.resource)
        entry.add(JournalField.freedBytes, String(summary.freed))
        entry.add(JournalField.usageBefore, String(summary.usageBefore))
        entry.add(JournalField.usageAfter, String(summary.usageAfter))
        entry.add(JournalField.count, String(summary.count))
        entry.add(JournalField.failed, String(summary.failed))
        entry.add(JournalField.durationMilliseconds, String(summary.duration.totalNanoseconds / 1_000_000))
        entry.add(JournalField.trigger, summary.trigger.rawValue)
        if let outside = summary.outsideScope { entry.add(JournalField.outsidePolicy, String(outside)) }
        if summary.dryRun { entry.add(JournalField.dryRun, "true") }
        return entry
    }
}
