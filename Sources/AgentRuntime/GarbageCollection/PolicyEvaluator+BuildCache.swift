import AgentCore
import Formats
import Time
import Policies
import Rules

/// The build cache.
extension PolicyEvaluator {
    /// The build cache through the engine's own prune: everything unused past `max_unused`; then, above
    /// `max_total_size`, down to the target (`keep-storage`) among records older than `min_age` (`until`).
    func evaluateBuildCache(_ policy: PolicyDefinition) async throws -> EvaluationSummary {
        guard let before = try await engine.buildCacheUsage() else {
            return EvaluationSummary(
                policy: policy.name, resource: "builder", dryRun: dryRun, usageBefore: 0,
                usageAfter: 0, freed: 0, count: 0)
        }
        let limit = try bytes(policy.maxTotalSize)
        let target = try bytes(policy.effectiveTarget) ?? 0
        let overLimit = limit.map { before > $0 } ?? false
        if dryRun {
            let wouldFree = overLimit ? before - min(before, target) : 0
            return EvaluationSummary(
                policy: policy.name, resource: "builder", dryRun: true, usageBefore: before,
                usageAfter: before - wouldFree, freed: wouldFree, count: 0)
        }
        var prunes = 0
        if let maxUnused = policy.maxUnused, try await engine.pruneBuildCache(keepStorage: 0, until: maxUnused) {
            prunes += 1
        }
        if overLimit, try await engine.pruneBuildCache(keepStorage: target, until: policy.minAge) {
            prunes += 1
        }
        let after = try await engine.buildCacheUsage() ?? 0
        return EvaluationSummary(
            policy: policy.name, resource: "builder", dryRun: false, usageBefore: before,
            usageAfter: after, freed: before - min(before, after), count: prunes)
    }
}
