import AgentCore
import EngineAdapter
import Formats
import Time
import Policies
import Rules
import SystemIO

/// Evaluates a policy against the engine, through its adapter's `EngineCollection`: measures, decides
/// (`ImagePlanner`, `ContainerPlanner`), removes one object at a time (images: planning on from each removal's
/// answer, measuring again a bounded number of times), and reports every outcome as it happens. A refused
/// removal is reported and never stops the evaluation.
public struct PolicyEvaluator: Sendable {
    public let engine: any EngineCollection
    public let lastUse: LastUse
    public let dryRun: Bool
    /// Why this evaluation runs: written into every summary.
    public let trigger: EvaluationTrigger

    public init(engine: any EngineCollection, lastUse: LastUse, dryRun: Bool, trigger: EvaluationTrigger) {
        self.engine = engine
        self.lastUse = lastUse
        self.dryRun = dryRun
        self.trigger = trigger
    }

    /// The engine's data root, whose filesystem a percentage refers to.
    var dataRoot: String { engine.dataRoot }

    /// One summary per resource of the policy, in its order; `report` gets each removal first.
    public func evaluate(
        _ policy: PolicyDefinition, report: (RemovalOutcome) async -> Void
    ) async throws -> [EvaluationSummary] {
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
            summary.trigger = trigger
            summaries.append(summary)
        }
        return summaries
    }

    /// A limit in bytes: a percentage of the data root's filesystem (which must then be readable here).
    func bytes(_ limit: PolicyDefinition.SizeLimit?) throws -> UInt64? {
        guard let limit else { return nil }
        if case .bytes(let bytes) = limit { return bytes }
        guard let space = FilesystemSpace.of(dataRoot) else {
            throw EngineError(
                .infoUnavailable,
                "cannot measure the filesystem holding the data root \(dataRoot) for a percentage limit")
        }
        return limit.bytes(filesystemBytes: space.total)
    }

    func planner(_ policy: PolicyDefinition) throws -> ImagePlanner {
        ImagePlanner(policy: policy, limit: try bytes(policy.maxTotalSize), target: try bytes(policy.effectiveTarget))
    }

    /// How many times an evaluation measures again besides its first and last measurement: when a plan is done
    /// on an estimate, or a removal's answer was not what the plan expected. A constant, so an evaluation that
    /// removes N images makes N removals and a constant number of other requests.
    public static let remeasureLimit = 8

    /// Images: plan on one measurement; remove in the plan's order, keeping the inventory up to date from each
    /// removal's answer (`RemovalAccount`); plan again on that estimate after a refusal, measure again when the plan
    /// is done or an answer was ambiguous (at most `remeasureLimit` times; past that, the evaluation stops and the
    /// next one goes on), and measure once more at the end for the summary.
    func evaluateImages(
        _ policy: PolicyDefinition, report: (RemovalOutcome) async -> Void
    ) async throws -> EvaluationSummary {
        var planner = try planner(policy)
        var inventory = try await engine.inventory()
        let before = inventory.imageUsage
        let outside = planner.outsideScope(inventory)
        if dryRun {
            let plan = planner.plan(inventory, lastUse: lastUse, now: .now())
            for removal in plan { await report(RemovalOutcome(removal: removal, removed: nil)) }
            let wouldFree = min(before, plan.reduce(0) { $0 + $1.size })
            return EvaluationSummary(
                policy: policy.name, resource: "image", dryRun: true, usageBefore: before,
                usageAfter: before - wouldFree, freed: wouldFree, count: plan.count, outsideScope: outside)
        }
        // Watermarks: once above max_total_size, this evaluation goes on down to the target.
        if let limit = planner.limit, before > limit { planner.limit = planner.target ?? limit }
        var failed = Set<String>()
        var removed = 0
        var remeasures = 0
        var estimated = false
        var plan = planner.plan(inventory, lastUse: lastUse, now: .now(), excluding: failed)[...]
        while removed + failed.count < policy.maxRemovalsPerRun {
            guard let next = plan.popFirst() else {
                guard estimated, remeasures < Self.remeasureLimit else { break }
                inventory = try await engine.inventory()
                (remeasures, estimated) = (remeasures + 1, false)
                plan = planner.plan(inventory, lastUse: lastUse, now: .now(), excluding: failed)[...]
                if plan.isEmpty { break }
                continue
            }
            let (answers, error) = await removeImage(next)
            if error == nil { removed += 1 } else { failed.insert(next.id) }
            await report(RemovalOutcome(removal: next, removed: error == nil, error: error))
            let account = RemovalAccount(answers, of: next, succeeded: error == nil, in: inventory)
            inventory = account.applied(to: inventory)
            estimated = estimated || !answers.isEmpty
            if account.asPlanned {
                if error != nil {
                    plan = planner.plan(inventory, lastUse: lastUse, now: .now(), excluding: failed)[...]
                }
                continue
            }
            guard remeasures < Self.remeasureLimit else { break }
            inventory = try await engine.inventory()
            (remeasures, estimated) = (remeasures + 1, false)
            plan = planner.plan(inventory, lastUse: lastUse, now: .now(), excluding: failed)[...]
        }
        if estimated { inventory = try await engine.inventory() }
        return EvaluationSummary(
            policy: policy.name, resource: "image", dryRun: false, usageBefore: before,
            usageAfter: inventory.imageUsage, freed: before - min(before, inventory.imageUsage),
            count: removed, failed: failed.count, outsideScope: outside)
    }

    /// Untags each reference (the last one removes the image), or removes a dangling image by ID; never forced.
    /// The engine's answers, up to a refusal, and its message when it refused.
    func removeImage(_ removal: Removal) async -> (answers: [ImageRemoval], error: String?) {
        var answers: [ImageRemoval] = []
        do {
            for name in removal.references.isEmpty ? [removal.id] : removal.references {
                answers.append(try await engine.removeImage(name, of: removal.id))
            }
            return (answers, nil)
        } catch {
            return (answers, "\(error)")
        }
    }
}
