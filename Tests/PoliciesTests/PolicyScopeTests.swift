import Formats
import Time
import Policies
import Rules
import Testing

/// `keep_latest` and `only` on hand-made inventories whose answer is known.
@Suite("Policy scope: keep_latest and only")
struct PolicyScopeTests {
    static let now = ImagePlannerTests.now
    static let mb = ImagePlannerTests.mb

    static func image(_ id: String, _ tags: [String], daysOld: Int64, labels: [String: String] = [:]) -> ImageRecord {
        var image = ImagePlannerTests.image(id, tags, daysOld: daysOld, mb: 10)
        image.labels = labels
        return image
    }

    /// Removes everything it may: every image unused for a day.
    static func plan(_ images: [ImageRecord], keepLatest: Int? = nil, only: [String] = []) -> [String] {
        let policy = PolicyDefinition(
            name: "images", maxUnused: .seconds(86400), minAge: .zero, keepLatest: keepLatest, only: only)
        let inventory = Inventory(images: images, containers: [], imageUsage: UInt64(images.count) * 10 * mb)
        return ImagePlanner(policy: policy, limit: nil, target: nil).plan(inventory, lastUse: LastUse(), now: now)
            .map(\.id)
    }

    @Test("keep_latest: the newest N of each repository by creation stay; older ones and other repositories' go")
    func keepLatest() {
        let images = [
            Self.image("app1", ["registry:5000/app:1"], daysOld: 30),
            Self.image("app2", ["registry:5000/app:2"], daysOld: 20),
            Self.image("app3", ["registry:5000/app:3"], daysOld: 10),
            Self.image("tool1", ["tool:1"], daysOld: 40),
            Self.image("tool2", ["tool:2", "registry:5000/app:stable"], daysOld: 5),
            Self.image("dangling", [], daysOld: 50),
        ]
        // app's newest two by creation: tool2 (tagged app:stable too) and app3; tool's: tool2 and tool1.
        #expect(Self.plan(images, keepLatest: 2).sorted() == ["app1", "app2", "dangling"])
        #expect(Self.plan(images, keepLatest: 1).sorted() == ["app1", "app2", "app3", "dangling", "tool1"])
        #expect(Self.plan(images).count == 6, "without keep_latest everything unused goes")
    }

    @Test("the repository of a reference: up to the tag's colon, a registry port is part of it")
    func repository() {
        let images = [
            Self.image("a", ["localhost:5000/x:1"], daysOld: 3), Self.image("b", ["localhost:5000/x:2"], daysOld: 2),
            Self.image("c", ["localhost:5000/y:1"], daysOld: 1),
        ]
        #expect(Self.plan(images, keepLatest: 1) == ["a"], "x keeps b, y keeps c")
    }

    @Test("only: globs and labels make candidates; the rest is outside the policy and counted")
    func only() throws {
        let images = [
            Self.image("ci", ["ci/build:1"], daysOld: 30),
            Self.image("labelled", ["app:1"], daysOld: 30, labels: ["com.example.gc": "true"]),
            Self.image("other-label", ["app:2"], daysOld: 30, labels: ["com.example.gc": "false"]),
            Self.image("pinned", ["k8s.gcr.io/pause:3.9"], daysOld: 30),
        ]
        let only = ["ci/*", "label:com.example.gc=true"]
        #expect(Self.plan(images, only: only).sorted() == ["ci", "labelled"])
        #expect(Self.plan(images, only: ["label:com.example.gc=*"]).sorted() == ["labelled", "other-label"])
        let policy = PolicyDefinition(name: "images", maxUnused: .seconds(1), only: only)
        let planner = ImagePlanner(policy: policy, limit: nil, target: nil)
        #expect(planner.outsideScope(Inventory(images: images, containers: [], imageUsage: 0)) == 2)
        let all = ImagePlanner(policy: PolicyDefinition(name: "all", maxUnused: .seconds(1)), limit: nil, target: nil)
        #expect(all.outsideScope(Inventory(images: images, containers: [], imageUsage: 0)) == nil, "no only, no count")
    }

    @Test("only with keep: a kept image inside the scope still stays")
    func onlyAndKeep() {
        let images = [Self.image("a", ["ci/a:1"], daysOld: 30), Self.image("b", ["ci/b:1"], daysOld: 30)]
        let policy = PolicyDefinition(
            name: "ci", maxUnused: .seconds(86400), minAge: .zero, keep: ["ci/b:*"], only: ["ci/*"])
        let inventory = Inventory(images: images, containers: [], imageUsage: 20 * Self.mb)
        let removals = ImagePlanner(policy: policy, limit: nil, target: nil).plan(
            inventory, lastUse: LastUse(), now: Self.now)
        #expect(removals.map(\.id) == ["a"])
    }

    @Test("containers: only by name glob or label")
    func containers() {
        let stopped = Timestamp(seconds: Self.now.seconds - 7 * 86400)
        let containers = [
            ContainerRecord(
                id: "1", name: "ci-job-1", imageID: "x", state: "exited", created: stopped, finished: stopped),
            ContainerRecord(
                id: "2", name: "db", imageID: "x", state: "exited", created: stopped, finished: stopped,
                labels: ["gc": "yes"]),
            ContainerRecord(id: "3", name: "web", imageID: "x", state: "exited", created: stopped, finished: stopped),
        ]
        let policy = PolicyDefinition(
            name: "c", resources: ["container"], maxUnused: .seconds(86400), only: ["ci-*", "label:gc=yes"])
        let planner = ContainerPlanner(policy: policy)
        #expect(planner.plan(containers, now: Self.now).map(\.id).sorted() == ["1", "2"])
        #expect(planner.outsideScope(containers) == 1)
    }

    @Test("a label pattern needs a key")
    func patterns() {
        #expect(ScopePattern("label:=x") == nil)
        #expect(ScopePattern("label:novalue") == nil)
        #expect(ScopePattern("label:k=") == .label(key: "k", value: ReferencePattern("")))
        #expect(ScopePattern("labelled:*") == .reference(ReferencePattern("labelled:*")))
        #expect(ScopePattern("label:k=v")?.matches(names: [], labels: ["k": "v"]) == true)
        #expect(ScopePattern("label:k=v")?.matches(names: [], labels: ["k": "w"]) == false)
        #expect(ScopePattern("label:k=v")?.matches(names: [], labels: [:]) == false)
    }
}
