import EngineAdapter
import Policies

/// One image removal's effect on the inventory, from the engine's own answers: so an evaluation plans its next
/// removals from one measurement and what each removal said, instead of measuring the engine (`GET /system/df`,
/// its most expensive call) again after every removal.
struct RemovalAccount {
    /// The inventory images the answers say were deleted (with the inferences `ImageRemoval.deleted` documents).
    let deleted: Set<String>
    /// The references the answers say were untagged.
    let untagged: Set<String>
    /// True when the answers say exactly what the plan expected: after a removal, its image and the ancestors
    /// planned along with it went, and nothing else; after a refusal, nothing was deleted. Anything else (more or
    /// fewer images deleted, an answer that says nothing, an image that shared bytes with others) is ambiguous: the
    /// evaluation measures again.
    let asPlanned: Bool

    init(_ answers: [ImageRemoval], of removal: Removal, succeeded: Bool, in inventory: Inventory) {
        let known = Dictionary(inventory.images.map { (Self.bare($0.id), $0) }) { first, _ in first }
        let untagged = Set(answers.flatMap(\.untagged))
        var deleted = Set<String>()
        for answer in answers {
            for id in answer.deleted ?? [] {
                if let image = known[Self.bare(id)] { deleted.insert(image.id) }
            }
        }
        let silent = answers.contains { $0.deleted == nil }
        if silent, succeeded, let image = known[Self.bare(removal.id)],
            removal.references.isEmpty || image.references.allSatisfy(untagged.contains)
        {
            deleted.insert(image.id)
        }
        let images = inventory.images.filter { deleted.contains($0.id) }
        let freed = images.reduce(0) { $0 + $1.size }
        self.deleted = deleted
        self.untagged = untagged
        if succeeded {
            asPlanned = deleted.contains(removal.id) && freed == removal.size && images.allSatisfy { $0.shared == 0 }
        } else {
            asPlanned = deleted.isEmpty
        }
    }

    /// The inventory without the deleted images and the untagged references, its usage less their sizes: an
    /// estimate, exact when `asPlanned`.
    func applied(to inventory: Inventory) -> Inventory {
        var next = inventory
        let freed = inventory.images.reduce(0) { deleted.contains($1.id) ? $0 + $1.size : $0 }
        next.images = inventory.images.compactMap { image in
            guard !deleted.contains(image.id) else { return nil }
            var kept = image
            kept.references.removeAll(where: untagged.contains)
            return kept
        }
        next.imageUsage = inventory.imageUsage - min(inventory.imageUsage, freed)
        return next
    }

    /// An ID without its `sha256:` (an engine may answer with or without it).
    static func bare(_ id: String) -> Substring {
        id.hasPrefix("sha256:") ? id.dropFirst(7) : Substring(id)
    }
}
