import AgentRuntime
import EngineAdapter
import Formats
import Policies
import Rules
import Testing
import Time

/// The image evaluation against an in-memory engine whose usage is its layers' (shared ones once), answering
/// removals as Docker does: how many times it measures, and that it removes what measuring after every removal
/// would have removed.
@Suite("Policy evaluator: images at scale")
struct PolicyEvaluatorTests {
    static let mb: UInt64 = 1_000_000

    @Test("200 removals: two measurements, 200 DELETEs, the same removals in the same order as measuring after each")
    func scales() async throws {
        for target in [UInt64(1), 250 * Self.mb] {
            let world = LayeredEngine.independent(200)
            let policy = PolicyDefinition(
                name: "all", maxTotalSize: .bytes(target), minAge: .zero, maxRemovalsPerRun: 1000)
            let expected = await Self.removedMeasuringEachTime(LayeredEngine.independent(200), policy, target: target)
            let outcomes = try await Self.evaluate(world, policy)
            #expect(outcomes.map(\.removal.id) == expected)
            #expect(await world.inventoryReads == 2, "one measurement to plan, one when the plan is done")
            #expect(await world.deletes == expected.count)
            let usage = try await world.inventory().imageUsage
            #expect(usage <= target)
            if target > 1 {
                #expect(usage + 10 * Self.mb > target, "never more than one image below the target: \(usage)")
            }
        }
    }

    @Test("shared layers: measured again after a removal that shared, and the result is what measuring each time gives")
    func shared() async throws {
        let make = { LayeredEngine.sharing() }
        for target in [UInt64(1), 100 * Self.mb, 150 * Self.mb, 230 * Self.mb] {
            let policy = PolicyDefinition(name: "all", maxTotalSize: .bytes(target), minAge: .zero)
            let expected = await Self.removedMeasuringEachTime(make(), policy, target: target)
            let world = make()
            let outcomes = try await Self.evaluate(world, policy)
            #expect(outcomes.map(\.removal.id) == expected, "target \(target)")
            #expect(try await world.inventory().imageUsage <= target)
        }
    }

    @Test("an engine that does not say what it deleted (images by name): inferred from the untagged references")
    func silent() async throws {
        let world = LayeredEngine.independent(50, silent: true)
        let policy = PolicyDefinition(name: "all", maxTotalSize: .bytes(1), minAge: .zero)
        let outcomes = try await Self.evaluate(world, policy)
        #expect(outcomes.count == 50 && outcomes.allSatisfy { $0.removed == true })
        #expect(await world.inventoryReads == 2)
    }

    @Test("a refusal is reported, planned around without measuring, and the rest goes")
    func refused() async throws {
        let world = LayeredEngine.independent(20, refused: ["image7:1"])
        let policy = PolicyDefinition(name: "all", maxTotalSize: .bytes(1), minAge: .zero)
        let outcomes = try await Self.evaluate(world, policy)
        #expect(outcomes.filter { $0.removed == true }.count == 19)
        #expect(outcomes.filter { $0.removed == false }.map { $0.removal.references } == [["image7:1"]])
        #expect(await world.inventoryReads == 2)
        #expect(try await world.inventory().images.map(\.id) == ["image7"])
    }

    @Test("answers that are never what the plan expected: measured again at most a constant number of times")
    func bounded() async throws {
        let world = LayeredEngine.independent(100, answersWrongly: true)
        let policy = PolicyDefinition(name: "all", maxTotalSize: .bytes(1), minAge: .zero)
        let outcomes = try await Self.evaluate(world, policy)
        #expect(await world.inventoryReads <= 2 + PolicyEvaluator.remeasureLimit)
        #expect(outcomes.count == PolicyEvaluator.remeasureLimit + 1, "then the evaluation stops; the next one goes on")
    }

    static func evaluate(_ world: LayeredEngine, _ policy: PolicyDefinition) async throws -> [RemovalOutcome] {
        let evaluator = PolicyEvaluator(engine: world, lastUse: LastUse(), dryRun: false, trigger: .manual)
        let outcomes = OutcomeList()
        _ = try await evaluator.evaluate(policy) { await outcomes.append($0) }
        return await outcomes.items
    }

    /// The reference: a fresh measurement before every removal, the first planned goes (what the evaluator did
    /// before it planned from answers).
    static func removedMeasuringEachTime(
        _ world: LayeredEngine, _ policy: PolicyDefinition, target: UInt64
    ) async -> [String] {
        let planner = ImagePlanner(policy: policy, limit: target, target: target)
        var removed: [String] = []
        let now = Timestamp.now()
        while removed.count < policy.maxRemovalsPerRun, let inventory = try? await world.inventory(),
            let next = planner.plan(inventory, lastUse: LastUse(), now: now).first
        {
            for name in next.references { _ = try? await world.removeImage(name, of: next.id) }
            removed.append(next.id)
        }
        return removed
    }
}

actor OutcomeList {
    var items: [RemovalOutcome] = []
    func append(_ outcome: RemovalOutcome) { items.append(outcome) }
}

/// An engine in memory: images made of layers, usage the sum of the layers any image holds, each image's size
/// the layers only it holds and its shared size the rest (as Docker's `SharedSize`); removals answer with
/// `Untagged` and `Deleted` (or, `silent`, only what they untagged).
actor LayeredEngine: EngineCollection {
    struct Image { var id: String; var references: [String]; var created: Int64; var layers: [String] }
    nonisolated let dataRoot = "/"
    var images: [Image]
    let layerSizes: [String: UInt64]
    let silent: Bool
    let refused: Set<String>
    let answersWrongly: Bool
    var inventoryReads = 0
    var deletes = 0

    init(
        images: [Image], layerSizes: [String: UInt64], silent: Bool = false, refused: Set<String> = [],
        answersWrongly: Bool = false
    ) {
        self.images = images
        self.layerSizes = layerSizes
        self.silent = silent
        self.refused = refused
        self.answersWrongly = answersWrongly
    }

    /// `count` images of one layer each, 10 MB, created a second apart.
    static func independent(
        _ count: Int, silent: Bool = false, refused: Set<String> = [], answersWrongly: Bool = false
    ) -> LayeredEngine {
        let images = (0..<count).map {
            Image(
                id: "image\($0)", references: ["image\($0):1"], created: 1_000_000 + Int64($0), layers: ["layer\($0)"])
        }
        let sizes = Dictionary(uniqueKeysWithValues: (0..<count).map { ("layer\($0)", 10 * PolicyEvaluatorTests.mb) })
        return LayeredEngine(
            images: images, layerSizes: sizes, silent: silent, refused: refused, answersWrongly: answersWrongly)
    }

    /// Six images: two pairs that share a 40 MB layer each (and have 10 MB of their own), two of their own 30 MB.
    static func sharing() -> LayeredEngine {
        let mb = PolicyEvaluatorTests.mb
        let images = [
            Image(id: "a1", references: ["a1:1"], created: 1, layers: ["base-a", "own-a1"]),
            Image(id: "own1", references: ["own1:1", "own1:2"], created: 2, layers: ["own1"]),
            Image(id: "a2", references: ["a2:1"], created: 3, layers: ["base-a", "own-a2"]),
            Image(id: "b1", references: ["b1:1"], created: 4, layers: ["base-b", "own-b1"]),
            Image(id: "own2", references: ["own2:1"], created: 5, layers: ["own2"]),
            Image(id: "b2", references: ["b2:1"], created: 6, layers: ["base-b", "own-b2"]),
        ]
        let sizes: [String: UInt64] = [
            "base-a": 40 * mb, "own-a1": 10 * mb, "own-a2": 10 * mb, "base-b": 40 * mb,
            "own-b1": 10 * mb, "own-b2": 10 * mb, "own1": 30 * mb, "own2": 30 * mb,
        ]
        return LayeredEngine(images: images, layerSizes: sizes)
    }

    func inventory() async throws -> Inventory {
        inventoryReads += 1
        var holders: [String: Int] = [:]
        for image in images { for layer in image.layers { holders[layer, default: 0] += 1 } }
        let records = images.map { image in
            let own = image.layers.filter { holders[$0] == 1 }.reduce(0) { $0 + (layerSizes[$1] ?? 0) }
            let shared = image.layers.filter { (holders[$0] ?? 0) > 1 }.reduce(0) { $0 + (layerSizes[$1] ?? 0) }
            return ImageRecord(
                id: image.id, references: image.references, created: Timestamp(seconds: image.created),
                size: own, shared: shared)
        }
        return Inventory(
            images: records, containers: [], imageUsage: holders.keys.reduce(0) { $0 + (layerSizes[$1] ?? 0) })
    }

    func containers() async throws -> [ContainerRecord] { [] }

    func removeImage(_ reference: String, of id: String) async throws -> ImageRemoval {
        deletes += 1
        if refused.contains(reference) { throw EngineError(.engineAnswered(status: 409), "refused \(reference)") }
        guard let index = images.firstIndex(where: { $0.references.contains(reference) || $0.id == reference }) else {
            throw EngineError(.engineAnswered(status: 404), "no such image \(reference)")
        }
        images[index].references.removeAll { $0 == reference }
        let untagged = images[index].id == reference ? [] : [reference]
        guard images[index].references.isEmpty else {
            return ImageRemoval(untagged: untagged, deleted: silent ? nil : [])
        }
        let gone = images.remove(at: index)
        let deleted =
            answersWrongly
            ? ["sha256:somethingelse"] : ["sha256:" + gone.id] + gone.layers.map { "sha256:layer-of-\($0)" }
        return ImageRemoval(untagged: untagged, deleted: silent ? nil : deleted)
    }

    func removeContainer(_ id: String) async throws {}
    func buildCacheUsage() async throws -> UInt64? { nil }
    func pruneBuildCache(keepStorage: UInt64, until: Duration) async throws -> Bool { false }
    func recentUses() async throws -> LastUse { LastUse() }
}
