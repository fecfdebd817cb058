import Formats
import Time
import Policies
import Rules
import TestSupport
import Testing

/// The image decision on random inventories: whatever the input, the invariants the issue states hold.
@Suite("Image planner properties")
struct ImagePlannerPropertyTests {
    static let now = Timestamp(seconds: 1_800_000_000)

    /// A random world: images with parent chains, containers on some, tags matching keep on some, random last uses.
    struct World {
        var inventory: Inventory
        var lastUse: LastUse
        var policy: PolicyDefinition
        var limit: UInt64
        var target: UInt64
    }

    static func world(_ random: inout SplitMix) -> World {
        var images: [ImageRecord] = []
        var times: [String: Int64] = [:]
        for index in 0..<Int.random(in: 1...30, using: &random) {
            let parent =
                index > 0 && Bool.random(using: &random) ? images[Int.random(in: 0..<index, using: &random)].id : nil
            let tags =
                Int.random(in: 0...3, using: &random) == 0
                ? [] : ["r\(index):\(["1", "stable", "2"].randomElement(using: &random) ?? "1")"]
            let created = Timestamp(seconds: now.seconds - Int64.random(in: 0...(60 * 86400), using: &random))
            images.append(
                ImageRecord(
                    id: "sha256:\(index)", parentID: parent, references: tags, created: created,
                    size: UInt64.random(in: 0...50_000_000, using: &random)))
            if Bool.random(using: &random), let tag = tags.first {
                times[tag] =
                    created.nanoseconds
                    + Int64.random(
                        in:
                            0...(created.duration(since: Timestamp(seconds: now.seconds - 60 * 86400)).totalNanoseconds),
                        using: &random)
            }
        }
        let containers = images.filter { _ in Int.random(in: 0...5, using: &random) == 0 }.map { image in
            ContainerRecord(
                id: "c-\(image.id)", name: "n", imageID: image.id,
                state: Bool.random(using: &random) ? "running" : "exited", created: now)
        }
        let usage = images.reduce(0) { $0 + $1.size }
        let limit = UInt64.random(in: 0...max(1, usage), using: &random)
        let target = UInt64.random(in: 0...limit, using: &random)
        let policy = PolicyDefinition(
            name: "p", maxTotalSize: .bytes(limit), targetSize: .bytes(target),
            maxUnused: Bool.random(using: &random) ? .seconds(Int64.random(in: 1...(40 * 86400), using: &random)) : nil,
            minAge: .seconds(Int64.random(in: 0...(3 * 86400), using: &random)),
            keep: Bool.random(using: &random) ? ["*:stable"] : [],
            maxRemovalsPerRun: Int.random(in: 1...40, using: &random))
        return World(
            inventory: Inventory(images: images, containers: containers, imageUsage: usage),
            lastUse: LastUse(times: times), policy: policy, limit: limit, target: target)
    }

    /// Every image a container uses, `keep` matches or `min_age` protects, with all their ancestors.
    static func protected(_ world: World) -> Set<String> {
        let byID = Dictionary(uniqueKeysWithValues: world.inventory.images.map { ($0.id, $0) })
        let youngest = now.advanced(by: .zero - world.policy.minAge)
        var result = Set(world.inventory.containers.map(\.imageID))
        for image in world.inventory.images
        where image.references.contains(where: { $0.hasSuffix(":stable") && !world.policy.keep.isEmpty })
            || image.created > youngest || world.lastUse.lastUsed(image) > youngest
        {
            result.insert(image.id)
        }
        for id in result {
            var current = byID[id]?.parentID
            while let parent = current { result.insert(parent); current = byID[parent]?.parentID }
        }
        return result
    }

    @Test(
        "never an in-use, kept or too-young object, nor one they need; children before parents; within the cap",
        arguments: 0..<400)
    func safety(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let world = Self.world(&random)
        let planner = ImagePlanner(policy: world.policy, limit: world.limit, target: world.target)
        let removals = planner.plan(world.inventory, lastUse: world.lastUse, now: Self.now)
        let protected = Self.protected(world)
        #expect(removals.allSatisfy { !protected.contains($0.id) })
        #expect(removals.count <= world.policy.maxRemovalsPerRun)
        #expect(Set(removals.map(\.id)).count == removals.count)
        let position = Dictionary(uniqueKeysWithValues: removals.enumerated().map { ($1.id, $0) })
        for image in world.inventory.images {
            if let parent = image.parentID, let parentAt = position[parent] {
                // A removed parent's children are all gone before it (removed earlier, or untagged and taken along).
                #expect(position[image.id].map { $0 < parentAt } ?? image.references.isEmpty)
            }
        }
    }

    @Test(
        "by size: at or under the target unless candidates or the cap ran out, never below it by more than one object",
        arguments: 0..<400)
    func target(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var world = Self.world(&random)
        world.policy.maxUnused = nil
        let planner = ImagePlanner(policy: world.policy, limit: world.limit, target: world.target)
        let removals = planner.plan(world.inventory, lastUse: world.lastUse, now: Self.now)
        let usage = world.inventory.imageUsage
        guard usage > world.limit else {
            #expect(removals.isEmpty)
            return
        }
        let freed = removals.reduce(0) { $0 + $1.size }
        if let last = removals.last {
            // Before the last removal, usage was still above the target.
            #expect(usage - (freed - last.size) > world.target)
        }
        if usage - freed > world.target && removals.count < world.policy.maxRemovalsPerRun {
            // Not at the target: then nothing else was removable.
            let more = ImagePlanner(policy: world.policy, limit: 0, target: 0).plan(
                world.inventory, lastUse: world.lastUse, now: Self.now)
            #expect(more.count == removals.count)
        }
    }

    @Test("the same input gives the same plan, in LRU order where no parent waits for its children", arguments: 0..<100)
    func deterministic(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var world = Self.world(&random)
        world.inventory.images = world.inventory.images.map {
            var image = $0; image.parentID = nil; return image
        }
        let planner = ImagePlanner(policy: world.policy, limit: world.limit, target: world.target)
        let removals = planner.plan(world.inventory, lastUse: world.lastUse, now: Self.now)
        #expect(removals == planner.plan(world.inventory, lastUse: world.lastUse, now: Self.now))
        #expect(zip(removals, removals.dropFirst()).allSatisfy { $0.lastUsed <= $1.lastUsed })
    }
}
