import JournalFormat
import Formats
import Time
import Journal
import Report

/// Journal records as reclaimd writes them, built by hand: the current shape and 0.1.0's.
enum Entries {
    /// 2026-11-22T00:00:00Z, a Sunday.
    static let day0 = Timestamp(seconds: 1_795_305_600)

    static func at(_ seconds: Int64) -> Timestamp {
        day0.advanced(by: .seconds(seconds))
    }

    static func record(_ id: MessageID, at seconds: Int64, pid: Int = 100, _ fields: [String: String]) -> ReportRecord {
        var all = fields
        all["MESSAGE_ID"] = id.hex
        all["SYSLOG_IDENTIFIER"] = "reclaimd"
        all["_PID"] = all["_PID"] ?? String(pid)
        return ReportRecord(time: at(seconds), fields: all)
    }

    /// An event entry as today's reclaimd writes it; `bytes` nil leaves the field out.
    static func event(
        _ resource: String, _ action: String, kind: String?, bytes: String? = nil, key: String? = nil,
        at seconds: Int64
    ) -> ReportRecord {
        var fields = ["RECLAIMD_RESOURCE": resource, "RECLAIMD_ACTION": action, "RECLAIMD_ENGINE": "docker"]
        if let kind { fields["RECLAIMD_KIND"] = kind }
        if let bytes { fields["RECLAIMD_RECLAIMED_BYTES"] = bytes }
        fields["RECLAIMD_EVENT_KEY"] = key ?? "k\(resource)\(action)\(seconds)"
        return record(.eventReceived, at: seconds, fields)
    }

    static func prune(_ resource: String, bytes: UInt64?, at seconds: Int64) -> ReportRecord {
        event(resource, "prune", kind: "prune", bytes: bytes.map { String($0) }, at: seconds)
    }

    static func run(_ rule: String, _ outcome: String?, ms: String?, at seconds: Int64) -> ReportRecord {
        var fields = ["RECLAIMD_RULE": rule, "RECLAIMD_RUN_ID": "r\(seconds)"]
        if let outcome { fields["RECLAIMD_OUTCOME"] = outcome }
        if let ms { fields["RECLAIMD_DURATION_MS"] = ms }
        return record(.runFinished, at: seconds, fields)
    }

    static func output(_ rule: String, _ line: String, stream: String = "stdout", at seconds: Int64) -> ReportRecord {
        record(.hookOutput, at: seconds, ["RECLAIMD_RULE": rule, "MESSAGE": line, "RECLAIMD_STREAM": stream])
    }

    static func trim(_ rule: String, bytes: UInt64, at seconds: Int64) -> ReportRecord {
        output(rule, "/var/lib/docker: 1.0 MiB (\(bytes) bytes) trimmed", at: seconds)
    }

    static func lost(pid: Int, at seconds: Int64) -> ReportRecord {
        record(.engineLost, at: seconds, pid: pid, ["RECLAIMD_ENGINE_HOST": "unix:///var/run/docker.sock"])
    }

    static func connected(pid: Int, at seconds: Int64) -> ReportRecord {
        record(.engineConnected, at: seconds, pid: pid, ["RECLAIMD_ENGINE": "docker"])
    }

    static func gap(at seconds: Int64) -> ReportRecord {
        record(
            .eventsMayBeMissed, at: seconds,
            [
                "RECLAIMD_WINDOW_START": at(seconds - 60).rfc3339, "RECLAIMD_WINDOW_END": at(seconds).rfc3339,
            ])
    }

    /// A policy's removal entry: `removed` nil is a dry run's.
    static func policyRemoval(
        _ policy: String, reason: String, size: UInt64, removed: Bool?, at seconds: Int64
    ) -> ReportRecord {
        var fields = [
            "RECLAIMD_POLICY": policy, "RECLAIMD_RESOURCE": "image", "RECLAIMD_OBJECT_ID": "sha256:\(seconds)",
            "RECLAIMD_REFERENCES": "app:\(seconds)", "RECLAIMD_SIZE": String(size), "RECLAIMD_REASON": reason,
        ]
        if let removed {
            fields["RECLAIMD_REMOVED"] = removed ? "true" : "false"
        } else {
            fields["RECLAIMD_DRY_RUN"] = "true"
        }
        return record(.policyRemoval, at: seconds, fields)
    }

    static func report(
        _ records: [ReportRecord], since: Timestamp? = nil, until: Timestamp? = nil,
        by grouping: ReportGrouping? = nil
    ) -> Report {
        var builder = ReportBuilder(since: since, until: until, grouping: grouping)
        for record in records { builder.add(record) }
        return builder.build()
    }
}
