import Formats
import Time

/// `reclaimd status` for people: one screen, times in UTC with how long ago (or how soon) they are.
public enum StatusText {
    public static func render(_ status: StatusSnapshot) -> String {
        let now = status.takenAt
        var lines = [
            "agent:       running since \(when(status.startedAt, now))",
            "engine:      \(status.engine.description)\(status.engine.host.isEmpty ? "" : " at \(status.engine.host)")",
            "connection:  \(connection(status.engine, now))",
            "events:      \(status.eventsSeen) since start, last \(status.lastEventTime.map { when($0, now) } ?? "none")",
            "reclaimed:   \(ByteCountText.decimal(status.bytesSeen)) seen since start (prune reports)",
        ]
        lines.append(status.rules.isEmpty ? "rules:       none" : "rules:")
        lines += status.rules.map { "  " + rule($0, now) }
        lines.append(status.policies.isEmpty ? "policies:    none" : "policies:")
        lines += status.policies.map { "  " + policy($0, now) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func connection(_ engine: StatusSnapshot.Engine, _ now: Timestamp) -> String {
        let state = engine.connected ? "connected" : "disconnected"
        let since = engine.since.map { " since \(when($0, now))" } ?? (engine.connected ? "" : " (not connected yet)")
        return "\(state)\(since), \(engine.reconnects) reconnect\(engine.reconnects == 1 ? "" : "s")"
    }

    private static func rule(_ rule: StatusSnapshot.Rule, _ now: Timestamp) -> String {
        var pending =
            "pending \(rule.pendingEvents) event\(rule.pendingEvents == 1 ? "" : "s"), \(ByteCountText.decimal(rule.pendingBytes))"
        if let due = rule.armedUntil { pending += ", armed until \(when(due, now))" }
        if rule.running { pending += ", hook running" }
        let last =
            rule.lastRun.map { "\($0.outcome) \(when($0.endedAt, now)), took \(DurationText.format($0.duration))" }
            ?? "none"
        return "\(rule.name): \(pending); last run: \(last)"
    }

    private static func policy(_ policy: StatusSnapshot.Policy, _ now: Timestamp) -> String {
        let next =
            policy.evaluating
            ? "evaluating now" : "next evaluation \(policy.nextEvaluation.map { when($0, now) } ?? "not scheduled")"
        let last =
            policy.lastEvaluation.map {
                "\($0.outcome) \(when($0.endedAt, now)), removed \($0.removed), refused \($0.refused), freed \(ByteCountText.decimal($0.freed))"
            } ?? "none"
        return "\(policy.name): \(next); last evaluation: \(last)"
    }

    /// `2026-11-25T05:00:00Z (3m ago)`, or `(in 8s)` for a time to come.
    static func when(_ time: Timestamp, _ now: Timestamp) -> String {
        let text = time.rfc3339
        let seconds = text.firstIndex(of: ".").map { text[..<$0] + "Z" } ?? text  // to the second, for people
        let distance = now.duration(since: time)
        let relative =
            distance >= .zero
            ? "\(DurationText.format(rounded(distance))) ago" : "in \(DurationText.format(rounded(.zero - distance)))"
        return "\(seconds) (\(relative))"
    }

    /// To the second from a second up, so the screen does not show milliseconds of no interest.
    private static func rounded(_ duration: Duration) -> Duration {
        duration < .seconds(1) ? duration : .seconds(duration.components.seconds)
    }
}
