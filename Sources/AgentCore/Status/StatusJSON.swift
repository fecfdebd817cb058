import Formats
import Time

/// `reclaimd status --json`: the snapshot as one object, its keys documented in the README.
public enum StatusJSON {
    public static func render(_ status: StatusSnapshot) -> String {
        var object = JSONObjectWriter(capacity: 512)
        object.add("started_at", status.startedAt.rfc3339)
        object.add("taken_at", status.takenAt.rfc3339)
        object.addRaw("engine", engine(status.engine))
        object.add("last_event_time", status.lastEventTime?.rfc3339)
        object.add("events_seen", status.eventsSeen)
        object.add("bytes_seen", status.bytesSeen)
        object.addRaw("rules", "[" + status.rules.map(rule).joined(separator: ",") + "]")
        object.addRaw("policies", "[" + status.policies.map(policy).joined(separator: ",") + "]")
        return object.finish()
    }

    private static func engine(_ engine: StatusSnapshot.Engine) -> String {
        var object = JSONObjectWriter()
        object.add("description", engine.description)
        object.add("host", engine.host)
        object.addRaw("connected", engine.connected ? "true" : "false")
        object.add("since", engine.since?.rfc3339)
        object.add("reconnects", engine.reconnects)
        return object.finish()
    }

    private static func rule(_ rule: StatusSnapshot.Rule) -> String {
        var object = JSONObjectWriter()
        object.add("name", rule.name)
        object.add("pending_events", rule.pendingEvents)
        object.add("pending_bytes", rule.pendingBytes)
        object.add("armed_until", rule.armedUntil?.rfc3339)
        object.addRaw("running", rule.running ? "true" : "false")
        if let run = rule.lastRun {
            var last = JSONObjectWriter()
            last.add("outcome", run.outcome)
            last.add("ended_at", run.endedAt.rfc3339)
            last.add("duration_ms", run.duration.totalNanoseconds / 1_000_000)
            object.addRaw("last_run", last.finish())
        } else {
            object.addRaw("last_run", "null")
        }
        return object.finish()
    }

    private static func policy(_ policy: StatusSnapshot.Policy) -> String {
        var object = JSONObjectWriter()
        object.add("name", policy.name)
        object.add("next_evaluation", policy.nextEvaluation?.rfc3339)
        object.addRaw("evaluating", policy.evaluating ? "true" : "false")
        if let last = policy.lastEvaluation {
            var evaluation = JSONObjectWriter()
            evaluation.add("outcome", last.outcome)
            evaluation.add("ended_at", last.endedAt.rfc3339)
            evaluation.add("removed", last.removed)
            evaluation.add("refused", last.refused)
            evaluation.add("freed_bytes", last.freed)
            object.addRaw("last_evaluation", evaluation.finish())
        } else {
            object.addRaw("last_evaluation", "null")
        }
        return object.finish()
    }
}
