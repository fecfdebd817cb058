/// The parent links between images: who needs whom.
struct ImageGraph: Sendable {
    private var parent: [String: String] = [:]
    private var childrenByParent: [String: [String]] = [:]
    private var untagged: Set<String> = []

    init(_ images: [ImageRecord]) {
        let known = Set(images.map(\.id))
        untagged = Set(images.filter(\.references.isEmpty).map(\.id))
        for image in images {
            guard let parentID = image.parentID, !parentID.isEmpty, known.contains(parentID) else { continue }
            parent[image.id] = parentID
            childrenByParent[parentID, default: []].append(image.id)
        }
    }

    func children(of id: String) -> [String] { childrenByParent[id] ?? [] }

    func hasChildren(_ id: String) -> Bool { !children(of: id).isEmpty }

    /// An untagged image other images are built on: a step of a build chain, never a candidate on its own (it goes
    /// with its last child) and not what `docker images` lists.
    func isIntermediate(_ image: ImageRecord) -> Bool { image.references.isEmpty && hasChildren(image.id) }

    /// Children, their children, and so on.
    func descendants(of id: String) -> [String] {
        var result: [String] = []
        var pending = children(of: id)
        while let next = pending.popLast() {
            result.append(next)
            pending += children(of: next)
        }
        return result
    }

    /// Marks `id` removed, with the untagged ancestors the engine removes along with it (those left without
    /// children).
    /// Returns those ancestors.
    @discardableResult
    func markRemoved(_ id: String, in removed: inout Set<String>) -> [String] {
        removed.insert(id)
        var along: [String] = []
        var current = parent[id]
        while let next = current, untagged.contains(next), children(of: next).allSatisfy(removed.contains) {
            removed.insert(next)
            along.append(next)
            current = parent[next]
        }
        return along
    }

    /// The IDs with every ancestor of each: what a protected image needs is protected too.
    func withAncestors(_ ids: Set<String>) -> Set<String> {
        var result = ids
        for id in ids {
            var current = parent[id]
            while let next = current, result.insert(next).inserted {
                current = parent[next]
            }
        }
        return result
    }

    /// The images in the given order, except that each parent waits until its last child among them went.
    func childrenFirst(_ images: [ImageRecord]) -> [ImageRecord] {
        let present = Set(images.map(\.id))
        var emitted = Set<String>()
        var waiting: [ImageRecord] = []
        var result: [ImageRecord] = []
        func ready(_ image: ImageRecord) -> Bool {
            descendants(of: image.id).allSatisfy { !present.contains($0) || emitted.contains($0) }
        }
        for image in images {
            guard ready(image) else {
                waiting.append(image)
                continue
            }
            result.append(image)
            emitted.insert(image.id)
            while let index = waiting.firstIndex(where: ready) {
                let next = waiting.remove(at: index)
                result.append(next)
                emitted.insert(next.id)
            }
        }
        return result + waiting
    }
}
