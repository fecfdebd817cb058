import ContainerdMessages
import Foundation
import Testing

/// Envelopes recorded byte for byte from a real containerd 1.6 (see Fixtures/envelopes/README.md), decoded.
@Suite("recorded containerd envelopes")
struct RecordedEnvelopeTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/envelopes")

    static func recorded() throws -> [(file: String, envelope: ContainerdEnvelope)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".pb") }.sorted()
        return try files.map { file in
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            return (file, try ContainerdEnvelope(serializedEnvelope: bytes))
        }
    }

    static let layer = "sha256:a4cfec562ce6e488da9623a6e16d736a0c3c2eedc71f74826f10aae44856b075"

    @Test("every recorded envelope: namespace, topic, type URL and attributes in field order")
    func decoded() throws {
        let rows = try Self.recorded().map { recorded in
            let envelope = recorded.envelope
            return
                "\(envelope.namespace) \(envelope.topic) \(envelope.payload.messageName) \(envelope.payload.attributes)"
        }
        let extract = "extract-357831393-_myA \(Self.layer)"
        #expect(
            rows == [
                "rec /namespaces/create containerd.events.NamespaceCreate [name=rec]",
                "rec /namespaces/update containerd.events.NamespaceUpdate [name=rec, label.team=infra]",
                "rec /images/create containerd.services.images.v1.ImageCreate [name=docker.io/library/bb:latest]",
                "rec /snapshot/prepare containerd.events.SnapshotPrepare [key=\(extract)]",
                "rec /snapshot/commit containerd.events.SnapshotCommit [key=\(extract), name=\(Self.layer)]",
                "rec /images/create containerd.services.images.v1.ImageCreate [name=docker.io/library/bbx:1]",
                "rec /images/update containerd.services.images.v1.ImageUpdate [name=docker.io/library/bbx:1, label.keep=yes]",
                "rec /images/delete containerd.services.images.v1.ImageDelete [name=docker.io/library/bbx:1]",
                "rec /snapshot/prepare containerd.events.SnapshotPrepare [key=c1, parent=\(Self.layer)]",
                "rec /containers/create containerd.events.ContainerCreate [id=c1, image=docker.io/library/bb:latest, runtime=io.containerd.runc.v2]",
                "rec /containers/update containerd.events.ContainerUpdate [id=c1, image=docker.io/library/bb:latest, snapshot_key=c1, "
                    + "label.app=web, label.io.containerd.image.config.stop-signal=SIGTERM]",
                "rec /snapshot/remove containerd.events.SnapshotRemove [key=c1]",
                "rec /containers/delete containerd.events.ContainerDelete [id=c1]",
                "rec /images/delete containerd.services.images.v1.ImageDelete [name=docker.io/library/bb:latest]",
                "rec /namespaces/delete containerd.events.NamespaceDelete [name=rec]",
                "rec2 /content/delete containerd.events.ContentDelete "
                    + "[digest=sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03]",
            ], "\(rows.joined(separator: "\n"))")
    }

    @Test("timestamps are the recording's, in order; every payload decoded and keeps its bytes")
    func timestampsAndBytes() throws {
        let envelopes = try Self.recorded().map(\.envelope)
        // Recorded on 2026-12-04 (UTC); nanoseconds are containerd's own.
        #expect(envelopes.allSatisfy { $0.timestamp.seconds / 86_400 == 20_791 }, "\(envelopes.map(\.timestamp))")
        #expect(envelopes.allSatisfy { (0..<1_000_000_000).contains($0.timestamp.nanoseconds) })
        let first15 = envelopes.prefix(15).map(\.timestamp)
        #expect(first15 == first15.sorted())
        #expect(envelopes.allSatisfy { $0.payload.undecodable == nil && !$0.payload.bytes.isEmpty })
        #expect(envelopes[7].payload["name"] == "docker.io/library/bbx:1")
    }

    @Test("containerd 2's image events (package containerd.events) decode like 1.x's")
    func containerd2ImageNames() throws {
        let recorded = try Self.recorded()[7].envelope.payload
        let renamed = EventPayloadDecoder.decode(typeURL: "containerd.events.ImageDelete", value: recorded.bytes)
        #expect(renamed.attributes == recorded.attributes)
    }

    @Test("an unknown type URL keeps its URL and has no attributes; bytes that do not decode say so")
    func unknownAndBroken() throws {
        let bytes = try Self.recorded()[0].envelope.payload.bytes
        let unknown = EventPayloadDecoder.decode(typeURL: "containerd.events.SomethingNew", value: bytes)
        #expect(
            unknown == ContainerdEventPayload(typeURL: "containerd.events.SomethingNew", attributes: [], bytes: bytes))
        let broken = EventPayloadDecoder.decode(
            typeURL: "containerd.events.NamespaceCreate", value: [0x0A, 0x05, 0x61])
        #expect(broken.attributes.isEmpty)
        #expect(broken.undecodable != nil)
        let typed = EventPayloadDecoder.decode(
            typeURL: "type.googleapis.com/containerd.events.NamespaceCreate", value: bytes)
        #expect(typed.attributes == [.init("name", "rec")], "the type URL's prefix is ignored")
    }
}
