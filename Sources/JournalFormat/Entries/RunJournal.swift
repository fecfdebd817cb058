import Formats
import Time
import Rules
import Rules

/// The journal entries of a hook run: one at start, one per output line, one at the end; all share RECLAIMD_RUN_ID.
public enum RunJournal {
    public static func started(_ decision: Decision, runID: String, dryRun: Bool) -> JournalEntry {
        let batch = decision.batch
        let verb = dryRun ? "would run" : "running"
        var entry = JournalEntry(
            message:
                "rule \(decision.rule) fired (\(decision.trigger.rawValue)): \(verb) its hook for \(batch.eventCount) events, \(ByteCountText.decimal(batch.totalBytes)) reclaimed",
            priority: .notice, messageID: .runStarted)
        entry.add(JournalField.rule, decision.rule)
        entry.add(JournalField.runID, runID)
        entry.add(JournalField.reclaimedBytes, String(batch.totalBytes))
        entry.add(JournalField.eventCount, String(batch.eventCount))
        entry.add(JournalField.trigger, decision.trigger.rawValue)
        entry.add(JournalField.resources, batch.resources.joined(separator: ","))
        if dryRun { entry.add(JournalField.dryRun, "true") }
        return entry
    }

    public static func output(rule: String, runID: String, stream: HookStream, line: [UInt8]) -> JournalEntry {
        let text = String(decoding: line, as: UTF8.self)
        var entry = JournalEntry(message: text, priority: stream == .stdout ? .info : .warning, messageID: .hookOutput)
        entry.add(JournalField.rule, rule)
        entry.add(JournalField.runID, runID)
        entry.add(JournalField.stream, stream.rawValue)
        if String(validating: line, as: UTF8.self) == nil {
            entry.add(JournalField.outputBytes.key, bytes: line)
        }
        return entry
    }

    public static func dropped(rule: String, runID: String, bytes: Int) -> JournalEntry {
        var entry = JournalEntry(
            message: "rule \(rule): hook output past 64 KiB dropped (\(bytes) bytes)",
            priority: .warning, messageID: .hookOutput)
        entry.add(JournalField.rule, rule)
        entry.add(JournalField.runID, runID)
        entry.add(JournalField.droppedBytes, String(bytes))
        return entry
    }

    public static func finished(_ decision: Decision, runID: String, result: HookResult) -> JournalEntry {
        let milliseconds = result.duration.totalNanoseconds / 1_000_000
        var how = ""
        if let status = result.exitStatus { how = "exit status \(status)" }
        if let signal = result.signal { how = "signal \(signal)" }
        var entry = JournalEntry(
            message: "rule \(decision.rule): hook \(result.outcome.rawValue) (\(how)) after \(milliseconds) ms",
            priority: result.outcome == .success ? .info : .warning, messageID: .runFinished)
        entry.add(JournalField.rule, decision.rule)
        entry.add(JournalField.runID, runID)
        entry.add(JournalField.outcome, result.outcome.rawValue)
        if let status = result.exitStatus { entry.add(JournalField.exitStatus, String(status)) }
        if let signal = result.signal { entry.add(JournalField.signal, String(signal)) }
        entry.add(JournalField.durationMilliseconds, String(milliseconds))
        entry.add(JournalField.reclaimedBytes, String(decision.batch.totalBytes))
        entry.add(JournalField.eventCount, String(decision.batch.eventCount))
        entry.add(JournalField.trigger, decision.trigger.rawValue)
        return entry
    }

    /// A hook that could not even start.
    public static func failedToStart(_ decision: Decision, runID: String, error: any Error) -> JournalEntry {
        var entry = JournalEntry(
            message: "rule \(decision.rule): hook could not start: \(error)",
            priority: .error, messageID: .runFinished)
        entry.add(JournalField.rule, decision.rule)
        entry.add(JournalField.runID, runID)
        entry.add(JournalField.outcome, "failure")
        entry.add(JournalField.durationMilliseconds, "0")
        return entry
    }
}
