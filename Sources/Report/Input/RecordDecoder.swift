import EventModel
import Formats
import Time
import JournalFormat

/// Reads an entry of any reclaimd version so far, from its MESSAGE_ID and fields.
///
/// Older entries are read by what they do have: an event without RECLAIMD_KIND (reclaimd 0.1.0) is a prune when its
/// action is `prune`, and a removal when a container, image or volume was destroyed, deleted or removed. What
/// cannot be read is `.skipped` with a reason, never a crash.
enum RecordDecoder {
    static let legacyRemovalActions = JournalFormatVersions.kindlessRemovalActions
    static let legacyRemovalResources = JournalFormatVersions.kindlessRemovalResources

    static func decode(_ record: ReportRecord) -> ReportItem {
        switch record[ReportField.messageID] {
        case MessageID.eventReceived.hex: return event(record)
        case MessageID.runFinished.hex: return run(record)
        case MessageID.hookOutput.hex: return hookOutput(record)
        case MessageID.eventsMayBeMissed.hex:
            return .gap(
                Gap(time: record.time, start: record[ReportField.windowStart], end: record[ReportField.windowEnd]))
        case MessageID.engineLost.hex:
            guard let pid = pid(record) else { return .skipped("engine entry without a numeric _PID") }
            return .engineLost(pid: pid, host: record[ReportField.engineHost])
        case MessageID.policyRemoval.hex: return policyRemoval(record)
        case MessageID.policyEvaluated.hex:
            guard let policy = record[ReportField.policy], !policy.isEmpty else {
                return .skipped("policy summary without RECLAIMD_POLICY")
            }
            return .policyEvaluation(policy: policy, trigger: record[ReportField.trigger])
        case MessageID.engineConnected.hex:
            guard let pid = pid(record) else { return .skipped("engine entry without a numeric _PID") }
            return .engineConnected(pid: pid)
        default:
            return .ignored
        }
    }

    private static func event(_ record: ReportRecord) -> ReportItem {
        guard let resource = record[ReportField.resource], !resource.isEmpty,
            let action = record[ReportField.action], !action.isEmpty
        else { return .skipped("event without RECLAIMD_RESOURCE or RECLAIMD_ACTION") }
        let kind = record[ReportField.kind] ?? legacyKind(resource: resource, action: action)
        let meaning: ReportItem.EventItem.Kind
        switch kind {
        case EventKind.prune: meaning = .prune
        case EventKind.remove: meaning = .removal
        case EventKind.freed: meaning = .filesystemFreed
        default: return .ignored
        }
        let bytes = record[ReportField.reclaimedBytes].flatMap(DecimalText.unsigned)
        return .event(.init(resource: resource, kind: meaning, bytes: bytes, key: record[ReportField.eventKey]))
    }

    /// The kind a 0.1.0 entry would have had.
    static func legacyKind(resource: String, action: String) -> String {
        if action == EventKind.prune { return EventKind.prune }
        if legacyRemovalActions.contains(action) && legacyRemovalResources.contains(resource) {
            return EventKind.remove
        }
        return action
    }

    private static func run(_ record: ReportRecord) -> ReportItem {
        guard let rule = record[ReportField.rule], !rule.isEmpty else { return .skipped("run without RECLAIMD_RULE") }
        guard let text = record[ReportField.outcome] else { return .skipped("run without RECLAIMD_OUTCOME") }
        guard let outcome = RunOutcome(rawValue: text) else { return .skipped("run with an unknown RECLAIMD_OUTCOME") }
        let milliseconds = record[ReportField.durationMilliseconds].flatMap(DecimalText.unsigned)
        return .run(rule: rule, outcome: outcome, milliseconds: milliseconds)
    }

    /// fstrim's report printed by a hook on stdout; every other line is the hook's own business.
    private static func hookOutput(_ record: ReportRecord) -> ReportItem {
        guard record[ReportField.stream] != "stderr", let message = record[ReportField.message],
            let line = FstrimLine(message)
        else { return .ignored }
        guard let rule = record[ReportField.rule], !rule.isEmpty else {
            return .skipped("hook output without RECLAIMD_RULE")
        }
        return .trim(rule: rule, line: line)
    }

    /// RECLAIMD_REMOVED says what the engine did; without it, RECLAIMD_DRY_RUN entries are what a dry run planned.
    private static func policyRemoval(_ record: ReportRecord) -> ReportItem {
        guard let policy = record[ReportField.policy], !policy.isEmpty, let resource = record[ReportField.resource],
            let reason = record[ReportField.reason]
        else { return .skipped("policy removal without RECLAIMD_POLICY, RECLAIMD_RESOURCE or RECLAIMD_REASON") }
        let outcome: ReportItem.PolicyRemovalItem.Outcome
        switch record[ReportField.removed] {
        case "true": outcome = .removed
        case "false": outcome = .refused
        default: outcome = .planned
        }
        let size = record[ReportField.size].flatMap(DecimalText.unsigned) ?? 0
        return .policyRemoval(.init(policy: policy, resource: resource, reason: reason, size: size, outcome: outcome))
    }

    private static func pid(_ record: ReportRecord) -> Int? {
        record[ReportField.pid].flatMap(DecimalText.unsigned).flatMap { Int(exactly: $0) }
    }
}
