import Formats
import Time
import Rules

/// A policy's decision on images, with no I/O: an inventory, the last-use map and the time in; the removals, in
/// order, out.
///
/// Never removed: an image any container uses (running or not), one a `keep` pattern matches, one of the newest
/// `keep_latest` of its repository, one outside the policy's `only` scope, one created or last used within
/// `min_age`, and every ancestor of those. The rest go least recently used first (ties: older
/// creation first, then ID), children before their parents: everything past `max_unused`, and, when usage is
/// above `max_total_size`, as many as it takes to bring the estimate to `target_size` or under.
public struct ImagePlanner: Sendable {
    public var policy: PolicyDefinition
    /// `max_total_size` in bytes (percentages resolved); nil: no size limit.
    public var limit: UInt64?
    /// The target in bytes; nil: `limit`.
    public var target: UInt64?

    public init(policy: PolicyDefinition, limit: UInt64?, target: UInt64?) {
        self.policy = policy
        self.limit = limit
        self.target = target
    }

    /// The removals, at most `max_removals_per_run`, leaving out `excluded` IDs (removals that failed already).
    public func plan(
        _ inventory: Inventory, lastUse: LastUse, now: Timestamp, excluding excluded: Set<String> = []
    ) -> [Removal] {
        let graph = ImageGraph(inventory.images)
        let protected = graph.withAncestors(protectedIDs(inventory, lastUse: lastUse, now: now).union(excluded))
        let sizes = Dictionary(inventory.images.map { ($0.id, $0.size) }) { first, _ in first }
        let candidates = inventory.images.filter { image in
            !protected.contains(image.id) && !graph.isIntermediate(image)
        }
        let ordered = graph.childrenFirst(candidates.sorted { order($0, $1, lastUse) })
        return select(ordered, graph: graph, sizes: sizes, usage: inventory.imageUsage, lastUse: lastUse, now: now)
    }

    /// In use, kept, among the newest of its repository, outside the scope, or too young.
    func protectedIDs(_ inventory: Inventory, lastUse: LastUse, now: Timestamp) -> Set<String> {
        let patterns = policy.keep.map(ReferencePattern.init)
        let scope = PolicyScope(policy.only)
        var protected = Set(inventory.containers.map(\.imageID)).union(newestOfEachRepository(inventory.images))
        let youngest = now.advanced(by: .zero - policy.minAge)
        for image in inventory.images {
            if ReferencePattern.anyMatch(patterns, image.references) || !scope.contains(image)
                || image.created > youngest
                || lastUse.lastUsed(image) > youngest
            {
                protected.insert(image.id)
            }
        }
        return protected
    }

    /// The images outside the policy's `only` scope, as `docker images` lists them (tagged or dangling; the
    /// intermediate images of a build chain are not counted); nil without `only`.
    public func outsideScope(_ inventory: Inventory) -> Int? {
        let scope = PolicyScope(policy.only)
        guard scope.isLimited else { return nil }
        let graph = ImageGraph(inventory.images)
        return inventory.images.count { !graph.isIntermediate($0) && !scope.contains($0) }
    }

    /// The newest `keep_latest` images (by creation, then ID) of each repository an image has a tag in.
    func newestOfEachRepository(_ images: [ImageRecord]) -> Set<String> {
        guard let count = policy.keepLatest else { return [] }
        var byRepository: [String: [ImageRecord]] = [:]
        for image in images {
            for repository in Set(image.references.map(Self.repository)) {
                byRepository[repository, default: []].append(image)
            }
        }
        var newest = Set<String>()
        for list in byRepository.values {
            let ordered = list.sorted { ($0.created, $0.id) > ($1.created, $1.id) }
            newest.formUnion(ordered.prefix(count).map(\.id))
        }
        return newest
    }

    /// The repository of `repository:tag`: up to the last `:` after the last `/` (`registry:5000/app:1` is in
    /// `registry:5000/app`).
    static func repository(_ reference: String) -> String {
        guard let colon = reference.lastIndex(of: ":") else { return reference }
        if let slash = reference.lastIndex(of: "/"), slash > colon { return reference }
        return String(reference[..<colon])
    }

    private func order(_ a: ImageRecord, _ b: ImageRecord, _ lastUse: LastUse) -> Bool {
        (lastUse.lastUsed(a), a.created, a.id) < (lastUse.lastUsed(b), b.created, b.id)
    }

    /// Walks the ordered candidates: past `max_unused` always, by size while the estimate is above the target.
    /// A parent goes only when every child of it went before.
    private func select(
        _ ordered: [ImageRecord], graph: ImageGraph, sizes: [String: UInt64], usage: UInt64, lastUse: LastUse,
        now: Timestamp
    ) -> [Removal] {
        let unusedCutoff = policy.maxUnused.map { now.advanced(by: .zero - $0) }
        let bySize = limit.map { usage > $0 } ?? false
        let floor = target ?? limit ?? 0
        var estimate = usage
        var removed = Set<String>()
        var removals: [Removal] = []
        for image in ordered where removals.count < policy.maxRemovalsPerRun {
            guard graph.children(of: image.id).allSatisfy(removed.contains) else { continue }
            let lastUsed = lastUse.lastUsed(image)
            let reason: RemovalReason
            if let unusedCutoff, lastUsed <= unusedCutoff {
                reason = .maxUnused
            } else if bySize, estimate > floor {
                reason = .size
            } else {
                continue
            }
            let along = graph.markRemoved(image.id, in: &removed)
            let size = along.reduce(image.size) { $0 + (sizes[$1] ?? 0) }
            estimate -= min(estimate, size)
            removals.append(
                Removal(
                    policy: policy.name, resource: "image", id: image.id, references: image.references,
                    size: size, lastUsed: lastUsed, reason: reason))
        }
        return removals
    }
}
