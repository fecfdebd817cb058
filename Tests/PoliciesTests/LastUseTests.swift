import EventModel
import Formats
import Time
import Policies
import Testing

/// Last use as the common model's `use` events teach it (the adapters' tests show which engine events are uses).
@Suite("Last use")
struct LastUseTests {
    static func event(
        _ resource: String, _ action: String, actor: String, use: ImageUse? = nil, at seconds: Int64
    ) -> ReclaimEvent {
        ReclaimEvent(
            source: "docker", resource: resource, action: action, kind: use == nil ? action : EventKind.use,
            reclaimedBytes: nil, actorID: actor, attributes: [:], time: Timestamp(seconds: seconds),
            key: EventKey(hashing: [resource, action, actor, String(seconds)]), imageUse: use)
    }

    @Test("a use records each image it names; events without a use do not")
    func recording() {
        var lastUse = LastUse()
        let shown = [
            Self.event("container", "create", actor: "c1", use: ImageUse(images: ["app:1"], bringsData: true), at: 100),
            Self.event("container", "start", actor: "c1", use: ImageUse(images: ["app:1"], bringsData: false), at: 101),
            Self.event(
                "image", "tag", actor: "sha256:abc", use: ImageUse(images: ["sha256:abc", "app:2"], bringsData: true),
                at: 102),
            Self.event(
                "image", "pull", actor: "busybox", use: ImageUse(images: ["busybox"], bringsData: true), at: 103),
            Self.event("image", "delete", actor: "sha256:def", at: 104),
            Self.event("container", "die", actor: "c1", at: 105),
            Self.event("volume", "create", actor: "v", at: 106),
        ].map { lastUse.record($0) }
        #expect(shown == [true, true, true, true, false, false, false])
        #expect(
            lastUse.times == [
                "app:1": 101_000_000_000, "sha256:abc": 102_000_000_000, "app:2": 102_000_000_000,
                "busybox": 103_000_000_000,
            ])
        #expect(
            LastUse.triggersEvaluation(
                Self.event("image", "pull", actor: "x", use: ImageUse(images: ["x"], bringsData: true), at: 1)))
        #expect(
            !LastUse.triggersEvaluation(
                Self.event("container", "start", actor: "x", use: ImageUse(images: ["x"], bringsData: false), at: 1)))
        #expect(!LastUse.triggersEvaluation(Self.event("image", "delete", actor: "x", at: 1)))
    }

    @Test(
        "an image's last use: the latest of its ID's, names' and aliases' (busybox:latest is busybox), never before its creation"
    )
    func lookup() {
        let lastUse = LastUse(times: ["busybox": 500, "app:1": 700, "sha256:b": 50])
        let busybox = ImageRecord(
            id: "sha256:a", references: ["busybox:latest"], created: Timestamp(nanoseconds: 100), size: 1)
        let app = ImageRecord(
            id: "sha256:c", references: ["localhost/app:1"], created: Timestamp(nanoseconds: 100), size: 1,
            aliases: ["app:1"])
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
