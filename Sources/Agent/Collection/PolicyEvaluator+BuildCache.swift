import EngineAPI
import Formats
import Policies
import Rules

/// The build cache.
extension PolicyEvaluator {
    /// The build cache through the engine's own prune: everything unused past `max_unused`; then, above
    /// `max_total_size`, down to the target (`keep-storage`) among records older than `min_age` (`until`).
    func evaluateBuildCache(_ policy: PolicyDefinition) async throws -> EvaluationSummary {
        let before = UInt64(max(0, try await client.diskUsage(identity).buildCacheSize))
        let limit = try bytes(policy.maxTotalSize)
        let target = try bytes(policy.effectiveTarget) ?? 0
        let overLimit = limit.map { before > $0 } ?? false
        if dryRun {
            let wouldFree = overLimit ? before - min(before, target) : 0
            return EvaluationSummary(policy: policy.name, resource: "builder", dryRun: true, usageBefore: before,
                                     usageAfter: before - wouldFree, freed: wouldFree, count: 0)
        }
        var prunes = 0
        if let maxUnused = policy.maxUnused, try await pruneBuildCache(keepStorage: 0, until: maxUnused) {
            prunes += 1
        }
        if overLimit, try await pruneBuildCache(keepStorage: target, until: policy.minAge) {
            prunes += 1
        }
        let after = UInt64(max(0, try await client.diskUsage(identity).buildCacheSize))
        return EvaluationSummary(policy: policy.name, resource: "builder", dryRun: false, usageBefore: before,
                                 usageAfter: after, freed: before - min(before, after), count: prunes)
    }

    /// One build-cache prune; false when the engine has no such endpoint (Podman 4.3 answers 404): no cache to prune.
    private func pruneBuildCache(keepStorage: UInt64, until: Duration) async throws -> Bool {
        do {
            _ = try await client.pruneBuildCache(identity, keepStorage: keepStorage, until: until)
            return true
        } catch let error as EngineError where error.code == .engineAnswered(status: 404) {
            return false
        }
    }
}
