import AgentCore
import Formats
import Time
import Policies
import Rules

/// Exited containers.
extension PolicyEvaluator {
    /// Exited containers past `max_unused`, oldest stop first, each removed on its own (never forced).
    func evaluateContainers(
        _ policy: PolicyDefinition, report: (RemovalOutcome) async -> Void
    ) async throws -> EvaluationSummary {
        let containers = try await engine.containers()
        let before = containers.reduce(0) { $0 + $1.size }
        let planner = ContainerPlanner(policy: policy)
        let plan = planner.plan(containers, now: .now())
        var freed: UInt64 = 0
        var failed = 0
        for removal in plan {
            guard !dryRun else {
                await report(RemovalOutcome(removal: removal, removed: nil))
                freed += removal.size
                continue
            }
            do {
                try await engine.removeContainer(removal.id)
                freed += removal.size
                await report(RemovalOutcome(removal: removal, removed: true))
            } catch {
                failed += 1
                await report(RemovalOutcome(removal: removal, removed: false, error: "\(error)"))
            }
        }
        freed = min(freed, before)
        return EvaluationSummary(
            policy: policy.name, resource: "container", dryRun: dryRun, usageBefore: before,
            usageAfter: before - freed, freed: freed, count: plan.count - failed, failed: failed,
            outsideScope: planner.outsideScope(containers))
    }
}
