import EventModel
import Formats
import Policies
import Testing

/// Last use as the event stream teaches it, on Docker's and Podman's event shapes.
@Suite("Last use")
struct LastUseTests {
    static func event(_ resource: String, _ action: String, actor: String, attributes: [String: String] = [:], at seconds: Int64) -> ReclaimEvent {
        ReclaimEvent(source: "docker", resource: resource, action: action, reclaimedBytes: nil, actorID: actor, attributes: attributes,
                     time: Timestamp(seconds: seconds), key: EventKey(hashing: [resource, action, actor, String(seconds)]))
    }

    @Test("container create and start count for their image, image pull and tag for theirs; removals and others do not")
    func recording() {
        var lastUse = LastUse()
        let shown = [
            Self.event("container", "create", actor: "c1", attributes: ["image": "app:1"], at: 100),
            Self.event("container", "start", actor: "c1", attributes: ["image": "app:1"], at: 101),
            Self.event("image", "tag", actor: "sha256:abc", attributes: ["name": "app:2"], at: 102),
            Self.event("image", "pull", actor: "busybox", at: 103),
            Self.event("image", "delete", actor: "sha256:def", at: 104),
            Self.event("container", "die", actor: "c1", attributes: ["image": "app:1"], at: 105),
            Self.event("volume", "create", actor: "v", at: 106),
        ].map { lastUse.record($0) }
        #expect(shown == [true, true, true, true, false, false, false])
        #expect(lastUse.times == ["app:1": 101_000_000_000, "sha256:abc": 102_000_000_000, "app:2": 102_000_000_000, "busybox": 103_000_000_000])
        #expect(LastUse.triggersEvaluation(Self.event("image", "pull", actor: "x", at: 1)))
        #expect(LastUse.triggersEvaluation(Self.event("container", "create", actor: "x", at: 1)))
        #expect(!LastUse.triggersEvaluation(Self.event("container", "start", actor: "x", at: 1)))
    }

    @Test("an image's last use: the latest of its ID's and names' (busybox:latest is busybox, localhost/app:1 is app:1), never before its creation")
    func lookup() {
        let lastUse = LastUse(times: ["busybox": 500, "app:1": 700, "sha256:b": 50])
        let busybox = ImageRecord(id: "sha256:a", references: ["busybox:latest"], created: Timestamp(nanoseconds: 100), size: 1)
        let app = ImageRecord(id: "sha256:c", references: ["localhost/app:1"], created: Timestamp(nanoseconds: 100), size: 1)
        let old = ImageRecord(id: "sha256:b", references: [], created: Timestamp(nanoseconds: 100), size: 1)
        #expect(lastUse.lastUsed(busybox).nanoseconds == 500)
        #expect(lastUse.lastUsed(app).nanoseconds == 700)
        #expect(lastUse.lastUsed(old).nanoseconds == 100)
    }

    @Test("bounded: the newest names are kept")
    func bounded() {
        var lastUse = LastUse(times: Dictionary(uniqueKeysWithValues: (0..<20).map { ("image\($0)", Int64($0)) }))
        lastUse.keepNewest(5)
        #expect(Set(lastUse.times.keys) == Set((15..<20).map { "image\($0)" }))
        #expect(lastUse.merging(LastUse(times: ["image19": 100, "new": 1])).times["image19"] == 100)
    }
}
