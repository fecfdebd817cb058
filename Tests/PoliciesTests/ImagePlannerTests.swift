import Formats
import Time
import Policies
import Rules
import Testing

/// The image decision on hand-made inventories whose answer is known.
@Suite("Image planner")
struct ImagePlannerTests {
    static let now = Timestamp(seconds: 1_800_000_000)
    static let mb: UInt64 = 1_000_000

    static func image(
        _ id: String, _ tags: [String], daysOld: Int64, mb size: UInt64, parent: String? = nil
    ) -> ImageRecord {
        ImageRecord(
            id: id, parentID: parent, references: tags, created: Timestamp(seconds: now.seconds - daysOld * 86400),
            size: size * mb)
    }

    static func usedDaysAgo(_ days: Int64) -> Int64 { (now.seconds - days * 86400) * 1_000_000_000 }

    static func planner(
        limit: UInt64?, target: UInt64?, maxUnused: Duration? = nil, keep: [String] = [], cap: Int = 100
    ) -> ImagePlanner {
        let policy = PolicyDefinition(
            name: "images", maxTotalSize: limit.map { .bytes($0) }, maxUnused: maxUnused, keep: keep,
            maxRemovalsPerRun: cap)
        return ImagePlanner(policy: policy, limit: limit, target: target)
    }

    @Test("least recently used first, ties by older creation, down to the target and no further")
    func order() {
        let images = [
            Self.image("a", ["a:1"], daysOld: 10, mb: 5), Self.image("b", ["b:1"], daysOld: 9, mb: 10),
            Self.image("c", ["c:1"], daysOld: 8, mb: 15), Self.image("d", ["d:1"], daysOld: 7, mb: 20),
        ]
        // a used 1 day ago, b and c never (their creation), d 5 days ago: b (older) ≈ c's day... b 9, c 8, d 5, a 1.
        let lastUse = LastUse(times: ["a:1": Self.usedDaysAgo(1), "d": Self.usedDaysAgo(5)])
        let inventory = Inventory(images: images, containers: [], imageUsage: 50 * Self.mb)
        let removals = Self.planner(limit: 40 * Self.mb, target: 20 * Self.mb).plan(
            inventory, lastUse: lastUse, now: Self.now)
        // 50 → 40 (b) → 25 (c) → 5 (d): stops as soon as at or under 20.
        #expect(removals.map(\.id) == ["b", "c", "d"])
        #expect(removals.allSatisfy { $0.reason == .size })
        #expect(
            removals.map(\.lastUsed) == [
                Timestamp(seconds: Self.now.seconds - 9 * 86400), Timestamp(seconds: Self.now.seconds - 8 * 86400),
                Timestamp(nanoseconds: Self.usedDaysAgo(5)),
            ])
        // Under the limit: nothing by size.
        #expect(
            Self.planner(limit: 60 * Self.mb, target: 10 * Self.mb).plan(inventory, lastUse: lastUse, now: Self.now)
                .isEmpty)
    }

    @Test("never in use (a stopped container too), kept, too young, or an ancestor of those")
    func protection() {
        let images = [
            Self.image("base", ["base:1"], daysOld: 30, mb: 2),
            Self.image("app", ["app:1"], daysOld: 20, mb: 5, parent: "base"),
            Self.image("used", ["used:1"], daysOld: 20, mb: 5),
            Self.image("kept", ["reg.example/base/x:1"], daysOld: 20, mb: 5),
            Self.image("stable", ["y:stable", "y:2"], daysOld: 20, mb: 5),
            Self.image("young", ["young:1"], daysOld: 0, mb: 5),
            Self.image("recent", ["recent:1"], daysOld: 20, mb: 5),
            Self.image("free", [], daysOld: 20, mb: 5),
        ]
        let containers = [
            ContainerRecord(id: "c1", name: "stopped", imageID: "used", state: "exited", created: Self.now),
            ContainerRecord(id: "c2", name: "run", imageID: "app", state: "running", created: Self.now),
        ]
        let lastUse = LastUse(times: ["recent:1": Self.now.nanoseconds - 60_000_000_000])
        let inventory = Inventory(images: images, containers: containers, imageUsage: 100 * Self.mb)
        let removals = Self.planner(limit: 1, target: 0, keep: ["reg.example/base/*", "*:stable"]).plan(
            inventory, lastUse: lastUse, now: Self.now)
        #expect(removals.map(\.id) == ["free"])
    }

    @Test("children before parents, whatever their last use")
    func childrenFirst() {
        let images = [
            Self.image("base", ["base:1"], daysOld: 30, mb: 2),
            Self.image("mid", [], daysOld: 29, mb: 1, parent: "base"),
            Self.image("app", ["app:1"], daysOld: 28, mb: 5, parent: "mid"),
            Self.image("other", ["other:1"], daysOld: 25, mb: 5),
        ]
        let lastUse = LastUse(times: ["app:1": Self.usedDaysAgo(2)])
        let inventory = Inventory(images: images, containers: [], imageUsage: 13 * Self.mb)
        let removals = Self.planner(limit: 1, target: 0).plan(inventory, lastUse: lastUse, now: Self.now)
        // base is the least recently used, but app needs it: app, then base (mid goes with app); other is older than app's use.
        #expect(removals.map(\.id) == ["other", "app", "base"])
    }

    @Test("max_unused removes regardless of size, and the cap holds")
    func maxUnused() {
        let images =
            (1...5).map { Self.image("i\($0)", ["i:\($0)"], daysOld: Int64(40 - $0), mb: 1) }
            + [Self.image("fresh", ["f:1"], daysOld: 3, mb: 1)]
        let inventory = Inventory(images: images, containers: [], imageUsage: 6 * Self.mb)
        let planner = Self.planner(limit: nil, target: nil, maxUnused: .seconds(28 * 86400))
        let removals = planner.plan(inventory, lastUse: LastUse(), now: Self.now)
        #expect(removals.map(\.id) == ["i5", "i4", "i3", "i2", "i1"].reversed())
        #expect(removals.allSatisfy { $0.reason == .maxUnused })
        let capped = Self.planner(limit: nil, target: nil, maxUnused: .seconds(28 * 86400), cap: 2).plan(
            inventory, lastUse: LastUse(), now: Self.now)
        #expect(capped.map(\.id) == ["i1", "i2"])
        #expect(
            planner.plan(inventory, lastUse: LastUse(), now: Self.now, excluding: ["i1"]).map(\.id) == [
                "i2", "i3", "i4", "i5",
            ])
    }

    @Test("keep patterns: * spans slashes, ? one character, whole match only")
    func patterns() {
        #expect(ReferencePattern("registry.example.com/base/*").matches("registry.example.com/base/a/b:1"))
        #expect(ReferencePattern("*:stable").matches("x/y:stable"))
        #expect(!ReferencePattern("*:stable").matches("x:stable2"))
        #expect(ReferencePattern("app:1.?").matches("app:1.2"))
        #expect(!ReferencePattern("app").matches("app:1"))
    }
}
