import AgentCore
import EngineAdapter
import Formats
import Time
import Policies
import Rules
import SystemIO

/// Evaluates a policy against the engine, through its adapter's `EngineCollection`: measures, decides
/// (`ImagePlanner`, `ContainerPlanner`), removes one object at a time and measures again, and reports every
/// outcome as it happens. A refused removal is reported and never stops the evaluation.
public struct PolicyEvaluator: Sendable {
    public let engine: any EngineCollection
    public let lastUse: LastUse
    public let dryRun: Bool

    public init(engine: any EngineCollection, lastUse: LastUse, dryRun: Bool) {
        self.engine = engine
        self.lastUse = lastUse
        self.dryRun = dryRun
    }

    /// The engine's data root, whose filesystem a percentage refers to.
    var dataRoot: String { engine.dataRoot }

    /// One summary per resource of the policy, in its order; `report` gets each removal first.
    public func evaluate(_ policy: PolicyDefinition, report: (RemovalOutcome) async -> Void) async throws -> [EvaluationSummary] {
        var summaries: [EvaluationSummary] = []
        for resource in policy.resources {
            let start = ContinuousClock.now
            var summary: EvaluationSummary
            switch resource {
            case "container": summary = try await evaluateContainers(policy, report: report)
            case "builder": summary = try await evaluateBuildCache(policy)
            default: summary = try await evaluateImages(policy, report: report)
            }
            summary.duration = ContinuousClock.now - start
            summaries.append(summary)
        }
        return summaries
    }

    /// A limit in bytes: a percentage of the data root's filesystem (which must then be readable here).
    func bytes(_ limit: PolicyDefinition.SizeLimit?) throws -> UInt64? {
        guard let limit else { return nil }
        if case .bytes(let bytes) = limit { return bytes }
        guard let space = FilesystemSpace.of(dataRoot) else {
            throw EngineError(.infoUnavailable, "cannot measure the filesystem holding the data root \(dataRoot) for a percentage limit")
        }
        return limit.bytes(filesystemBytes: space.total)
    }

    func planner(_ policy: PolicyDefinition) throws -> ImagePlanner {
        ImagePlanner(policy: policy, limit: try bytes(policy.maxTotalSize), target: try bytes(policy.effectiveTarget))
    }

    /// Images: plan on a fresh measurement before every removal; the first planned goes; until none is left.
    func evaluateImages(_ policy: PolicyDefinition, report: (RemovalOutcome) async -> Void) async throws -> EvaluationSummary {
        var planner = try planner(policy)
        var inventory = try await engine.inventory()
        let before = inventory.imageUsage
        if dryRun {
            let plan = planner.plan(inventory, lastUse: lastUse, now: .now())
            for removal in plan { await report(RemovalOutcome(removal: removal, removed: nil)) }
            let wouldFree = min(before, plan.reduce(0) { $0 + $1.size })
            return EvaluationSummary(policy: policy.name, resource: "image", dryRun: true, usageBefore: before,
                                     usageAfter: before - wouldFree, freed: wouldFree, count: plan.count)
        }
        // Watermarks: once above max_total_size, this evaluation goes on down to the target.
        if let limit = planner.limit, before > limit { planner.limit = planner.target ?? limit }
        var failed = Set<String>()
        var removed = 0
        while removed + failed.count < policy.maxRemovalsPerRun,
              let next = planner.plan(inventory, lastUse: lastUse, now: .now(), excluding: failed).first {
            let error = await removeImage(next)
            if error == nil { removed += 1 } else { failed.insert(next.id) }
            await report(RemovalOutcome(removal: next, removed: error == nil, error: error))
            inventory = try await engine.inventory()
        }
        return EvaluationSummary(policy: policy.name, resource: "image", dryRun: false, usageBefore: before,
                                 usageAfter: inventory.imageUsage, freed: before - min(before, inventory.imageUsage),
                                 count: removed, failed: failed.count)
    }

    /// Removes the image through the adapter (never forced); the engine's message when it refused.
    func removeImage(_ removal: Removal) async -> String? {
        do {
            try await engine.removeImage(id: removal.id, references: removal.references)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
