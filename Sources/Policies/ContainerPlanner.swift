import Formats
import Time
import Rules

/// A policy's decision on containers, with no I/O: exited containers that stopped longer than `max_unused` ago,
/// oldest stop first, never a running one, never one whose name a `keep` pattern matches, and only those within the
/// policy's `only` scope (name globs, `label:KEY=VALUE`).
public struct ContainerPlanner: Sendable {
    public var policy: PolicyDefinition

    public init(policy: PolicyDefinition) {
        self.policy = policy
    }

    public func plan(_ containers: [ContainerRecord], now: Timestamp, excluding excluded: Set<String> = []) -> [Removal]
    {
        guard let maxUnused = policy.maxUnused else { return [] }
        let cutoff = now.advanced(by: .zero - maxUnused)
        let patterns = policy.keep.map(ReferencePattern.init)
        let scope = PolicyScope(policy.only)
        let eligible = containers.filter { container in
            guard container.state == "exited", let finished = container.finished, !excluded.contains(container.id)
            else { return false }
            return finished <= cutoff && !ReferencePattern.anyMatch(patterns, [container.name])
                && scope.contains(container)
        }
        return
            eligible
            .sorted { ($0.finished ?? .earliest, $0.created, $0.id) < ($1.finished ?? .earliest, $1.created, $1.id) }
            .prefix(policy.maxRemovalsPerRun)
            .map { container in
                Removal(
                    policy: policy.name, resource: "container", id: container.id, references: [container.name],
                    size: container.size, lastUsed: container.finished ?? container.created, reason: .maxUnused)
            }
    }

    /// The containers outside the policy's `only` scope; nil without `only`.
    public func outsideScope(_ containers: [ContainerRecord]) -> Int? {
        let scope = PolicyScope(policy.only)
        return scope.isLimited ? containers.count { !scope.contains($0) } : nil
    }
}
