import ContainerdAPI
@testable import ContainerdEngine
import EngineAdapter
import EventModel
import Testing
import Time

/// containerd's envelopes in the common model, on the topics and payloads containerd 1.6 sends (as `ctr events`
/// printed them for tag, rm, container create and rm, with ENGINE-NOTES.md's recording).
@Suite("containerd adapter: the dialect")
struct ContainerdDialectTests {
    typealias Attribute = ContainerdEventPayload.Attribute

    static func envelope(
        _ topic: String, _ type: String, _ attributes: [Attribute], namespace: String = "bars",
        seconds: Int64 = 1_795_364_600, nanoseconds: Int32 = 5
    ) -> ContainerdEnvelope {
        ContainerdEnvelope(
            timestamp: ContainerdTime(seconds: seconds, nanoseconds: nanoseconds), namespace: namespace,
            topic: topic, payload: ContainerdEventPayload(typeURL: type, attributes: attributes))
    }

    static let recorded = [
        envelope(
            "/images/create", "containerd.services.images.v1.ImageCreate",
            [Attribute("name", "docker.io/library/bbx:1")]),
        envelope(
            "/images/delete", "containerd.services.images.v1.ImageDelete",
            [Attribute("name", "docker.io/library/bbx:1")]),
        envelope(
            "/snapshot/prepare", "containerd.events.SnapshotPrepare",
            [Attribute("key", "c1"), Attribute("parent", "sha256:15dd")]),
        envelope(
            "/containers/create", "containerd.events.ContainerCreate",
            [
                Attribute("id", "c1"), Attribute("image", "docker.io/library/bb:latest"),
                Attribute("runtime", "io.containerd.runc.v2"),
            ]),
        envelope("/snapshot/remove", "containerd.events.SnapshotRemove", [Attribute("key", "c1")]),
        envelope("/containers/delete", "containerd.events.ContainerDelete", [Attribute("id", "c1")]),
        envelope("/content/delete", "containerd.events.ContentDelete", [Attribute("digest", "sha256:ab")]),
        envelope("/tasks/exit", "containerd.events.TaskExit", [Attribute("container_id", "c1")]),
    ]

    @Test(
        "topics become resources and actions; deletes and removes are removals, creations uses; the namespace is an attribute"
    )
    func recordedShapes() {
        let events = Self.recorded.map(ContainerdDialect.event)
        #expect(
            events.map { "\($0.resource) \($0.action) \($0.kind) \($0.actorID)" } == [
                "image create use docker.io/library/bbx:1",
                "image delete remove docker.io/library/bbx:1",
                "snapshot prepare prepare c1",
                "container create use c1",
                "snapshot remove remove c1",
                "container delete remove c1",
                "content delete remove sha256:ab",
                "task exit exit c1",
            ])
        #expect(
            events.allSatisfy {
                $0.source == "containerd" && $0.attributes["namespace"] == "bars" && $0.reclaimedBytes == nil
            })
        #expect(events[0].imageUse == ImageUse(images: ["docker.io/library/bbx:1"], bringsData: true))
        #expect(events[3].imageUse == ImageUse(images: ["docker.io/library/bb:latest"], bringsData: true))
        #expect(events[3].attributes["image"] == "docker.io/library/bb:latest" && events[3].attributes["id"] == "c1")
        #expect(events.filter { $0.kind != EventKind.use }.allSatisfy { $0.imageUse == nil })
        #expect(events[1].time == Timestamp(nanoseconds: 1_795_364_600_000_000_005))
        #expect(Set(events.map(\.key)).count == events.count, "every event its own key")
    }

    @Test("the key tells namespaces, times and payloads apart, and is the same for the same envelope")
    func keys() {
        let base = Self.envelope(
            "/images/delete", "containerd.services.images.v1.ImageDelete", [Attribute("name", "x")])
        let again = ContainerdDialect.event(base).key
        #expect(ContainerdDialect.event(base).key == again)
        let others = [
            Self.envelope(
                "/images/delete", "containerd.services.images.v1.ImageDelete", [Attribute("name", "x")],
                namespace: "k8s.io"),
            Self.envelope(
                "/images/delete", "containerd.services.images.v1.ImageDelete", [Attribute("name", "x")], nanoseconds: 6),
            Self.envelope("/images/delete", "containerd.services.images.v1.ImageDelete", [Attribute("name", "y")]),
        ]
        #expect(others.allSatisfy { ContainerdDialect.event($0).key != again })
    }

    @Test("an unknown topic or payload is an event of its own name, never a crash")
    func unknown() {
        let odd = ContainerdDialect.event(Self.envelope("/weird", "example.Unknown", []))
        #expect(odd.resource == "weird" && odd.action == "/weird" && odd.kind == "/weird" && odd.actorID == "")
        let clamp = ContainerdDialect.timestamp(ContainerdTime(seconds: .max, nanoseconds: 0))
        #expect(clamp == Timestamp(nanoseconds: .max))
    }

    @Test("a selection: containerd's filters name the namespaces and the resources' topics; kinds are matched here")
    func selection() {
        let images = EventSelection(resources: ["image", "volume"], kinds: [EventKind.prune, EventKind.remove])
        #expect(ContainerdSubscription.filters(selection: images, namespaces: nil) == [#"topic~="^/images/""#])
        #expect(
            ContainerdSubscription.filters(selection: images, namespaces: ["default", "k8s.io"]) == [
                #"namespace=="default",topic~="^/images/""#, #"namespace=="k8s.io",topic~="^/images/""#,
            ])
        #expect(ContainerdSubscription.filters(selection: .everything, namespaces: nil) == [])
        #expect(
            ContainerdSubscription.filters(selection: EventSelection(resources: ["volume"]), namespaces: nil)
                == [#"topic=="/reclaimd/nothing""#],
            "nothing of containerd's selected: a subscription that matches nothing")
        let events = Self.recorded.map(ContainerdDialect.event)
        #expect(events.filter(images.admits).map(\.action) == ["delete"], "an image's creation is a use, not selected")
        #expect(events.filter(EventSelection.spaceFreeing.admits).count == 4)
        let raw = EventSelection(resources: ["snapshot"], kinds: [], actions: ["prepare"])
        #expect(events.filter(raw.admits).map(\.action) == ["prepare"])
    }

    @Test("hosts: containerd:// with an absolute socket path; discovery's default socket")
    func hosts() {
        #expect(ContainerdFamily.accepts(host: "containerd:///run/containerd/containerd.sock"))
        #expect(!ContainerdFamily.accepts(host: "unix:///run/containerd/containerd.sock"))
        #expect(ContainerdFamily.problem(host: "containerd:///run/containerd/containerd.sock") == nil)
        #expect(ContainerdFamily.problem(host: "containerd://relative.sock") != nil)
        #expect(ContainerdFamily.defaultHosts == ["containerd:///run/containerd/containerd.sock"])
    }
}
