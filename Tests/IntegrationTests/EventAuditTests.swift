import JournalFormat
import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Foundation
import Journal
import Systemd
import Testing

extension Integration {
    /// `reclaimd events --journal`: the audit trail of a real prune, read back with journalctl.
    @Suite("event audit in the journal", .timeLimit(.minutes(5)))
    struct EventAuditTests {
        private static let catalogTarget = "/usr/lib/systemd/catalog/reclaimd.catalog"

        private var catalogSource: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("packaging/reclaimd.catalog").path
        }

        @Test(
            "a docker system prune watched by events --journal: one entry per event with the exact bytes; journalctl -x explains it"
        )
        func systemPruneAudit() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                try daemon.createReclaimableResources(
                    volume: "audit1", volumeMegabytes: 3, container: "audit", containerMegabytes: 2)
                // It replays from before the prune, so it sees all of it however late its stream opens.
                let watcher = try ReclaimdProcess(
                    [
                        "events", "--host", daemon.host, "--json", "--journal", "--log-target", "journal",
                        "--since", Timestamp.now().rfc3339,
                    ], directory: daemon.directory)
                try daemon.docker("system prune -af --volumes")
                try await waitUntil(timeout: .seconds(20), "five prune events") {
                    watcher.stdoutLines.pruneLines.count >= 5
                }
                #expect(try await watcher.stop() == 0)
                let all = try PrintedEvent.parse(watcher.stdoutLines)
                let printed = all.prunes
                #expect(printed.count == 5)
                // The prune's removals are journaled too, with their kind.
                for removal in all.filter({ $0.kind == "remove" }) {
                    let records = try await Journald.read(
                        "RECLAIMD_EVENT_KEY=\(EventKeyOfPrinted.key(removal))", atLeast: 1)
                    #expect(records.first?.string("RECLAIMD_KIND") == "remove")
                    #expect(records.first?.string("RECLAIMD_RECLAIMED_BYTES") == nil, "removals report no bytes")
                }
                let keys = printed.map { EventKeyOfPrinted.key($0) }

                // Exactly one journal entry per event, matching what the engine reported.
                for (event, key) in zip(printed, keys) {
                    let records = try await Journald.read("RECLAIMD_EVENT_KEY=\(key)", atLeast: 1)
                    #expect(records.count == 1, "one entry for \(event.resource)")
                    let record = try #require(records.first)
                    #expect(record.string("RECLAIMD_RESOURCE") == event.resource)
                    #expect(record.string("RECLAIMD_ACTION") == "prune")
                    #expect(record.string("RECLAIMD_KIND") == "prune")
                    #expect(record.string("RECLAIMD_RECLAIMED_BYTES") == event.reclaimed_bytes.map(String.init))
                    #expect(record.string("RECLAIMD_EVENT_TIME_NS") == String(event.time_nano))
                    #expect(record.string("RECLAIMD_ENGINE") == "docker")
                    #expect(record.string("MESSAGE_ID") == MessageID.eventReceived.hex)
                }
                let image = try #require(printed.first { $0.resource == "image" })
                let imageKey = keys[try #require(printed.firstIndex(of: image))]
                #expect((image.reclaimed_bytes ?? 0) > 0)
                let json = try Shell.succeed(
                    "journalctl -o json --no-pager SYSLOG_IDENTIFIER=reclaimd RECLAIMD_RESOURCE=image RECLAIMD_EVENT_KEY=\(imageKey)"
                )
                let entry = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                #expect(entry["RECLAIMD_RECLAIMED_BYTES"] as? String == String(image.reclaimed_bytes ?? 0))
                #expect(
                    entry["MESSAGE"] as? String == "image prune reclaimed \(humanBytes(image.reclaimed_bytes ?? 0))")
                let volumeKey = keys[try #require(printed.firstIndex { $0.resource == "volume" })]
                let volume = try JournalReader(matches: ["RECLAIMD_EVENT_KEY=\(volumeKey)"]).readAll()
                #expect(volume.first?.string("RECLAIMD_RECLAIMED_BYTES") == "3145728")

                // With the catalog installed, journalctl -x shows the explanation.
                try Shell.succeed(
                    "install -D -m 0644 '\(catalogSource)' \(Self.catalogTarget) && journalctl --update-catalog")
                defer { _ = try? Shell.run("rm -f \(Self.catalogTarget) && journalctl --update-catalog") }
                let explained = try Shell.succeed(
                    "journalctl -x --no-pager -o short SYSLOG_IDENTIFIER=reclaimd RECLAIMD_EVENT_KEY=\(imageKey)")
                #expect(explained.contains("Subject: Container engine event: image prune"))
                #expect(explained.contains("so consumers can deduplicate by it"))
            }
        }
    }
}

/// The key `reclaimd` gave an event, recomputed from its printed form the way the agent computes it.
enum EventKeyOfPrinted {
    static func key(_ event: PrintedEvent) -> String {
        EventKey(
            of: EngineEvent(
                type: event.resource, action: event.action, actorID: event.actor_id,
                attributes: event.attributes, time: .init(nanoseconds: event.time_nano))
        ).description
    }
}

/// The decimal form the audit MESSAGE uses.
func humanBytes(_ bytes: UInt64) -> String {
    ByteCountText.decimal(bytes)
}
