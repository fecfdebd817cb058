@testable import ContainerdEngine
import ContainerdMessages
import EngineAdapter
import EventModel
import Foundation
import Testing

/// The envelopes recorded byte for byte from a real containerd 1.6 (`Tests/ContainerdAPITests/Fixtures/envelopes`),
/// through the adapter's dialect: what the agent and `events --json` get.
@Suite("containerd adapter: recorded envelopes")
struct RecordedDialectTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ContainerdAPITests/Fixtures/envelopes")

    static func events() throws -> [ReclaimEvent] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pb") }
            .sorted()
        return try files.map { file in
            ContainerdDialect.event(
                try ContainerdEnvelope(serializedEnvelope: try Data(contentsOf: directory.appendingPathComponent(file)))
            )
        }
    }

    @Test(
        "every recorded envelope: resource, action, kind, actor and namespace; removals and uses where the common model says"
    )
    func recorded() throws {
        let events = try Self.events()
        #expect(events.count == 16)
        let rows = events.map { "\($0.attributes["namespace"] ?? "?") \($0.resource) \($0.action) \($0.kind)" }
        #expect(
            rows == [
                "rec namespace create create", "rec namespace update update", "rec image create use",
                "rec snapshot prepare prepare",
                "rec snapshot commit commit", "rec image create use", "rec image update use", "rec image delete remove",
                "rec snapshot prepare prepare", "rec container create use", "rec container update update",
                "rec snapshot remove remove",
                "rec container delete remove", "rec image delete remove", "rec namespace delete delete",
                "rec2 content delete remove",
            ], "\(rows)")
        #expect(events.allSatisfy { $0.source == "containerd" && $0.reclaimedBytes == nil })
        let removal = events[7]
        #expect(removal.actorID == "docker.io/library/bbx:1" && removal.attributes["name"] == "docker.io/library/bbx:1")
        #expect(events[9].imageUse == ImageUse(images: ["docker.io/library/bb:latest"], bringsData: true))
        #expect(
            events[6].imageUse == ImageUse(images: ["docker.io/library/bbx:1"], bringsData: false),
            "a label change is no new data")
        #expect(Set(events.map(\.key)).count == 16, "every envelope its own key")
        let trim = EventSelection(
            resources: ["image", "container", "volume", "builder"], kinds: [EventKind.prune, EventKind.remove])
        #expect(
            events.filter(trim.admits).map(\.actorID) == [
                "docker.io/library/bbx:1", "c1", "docker.io/library/bb:latest",
            ])
    }
}
