import DockerAPI
import EngineAdapter
import EventModel
import Testing

/// What the Docker adapter turns Docker's and Podman's words into: the common kinds with the images a use names,
/// and the selection of the common model back into `GET /events` filters.
@Suite("Docker adapter: the dialect and the filters")
struct DockerDialectTests {
    private func events(_ fixture: String, engine: EngineKind) throws -> [ReclaimEvent] {
        var decoder = EventStreamDecoder(engine: engine)
        let items = decoder.feed(try Fixture.bytes(fixture)) + decoder.finish()
        return items.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }

    @Test(
        "Docker 20.10: container create and start and image tag are uses naming their images; only create and tag bring data"
    )
    func dockerUses() throws {
        let uses = try events("docker-20.10-lifecycle.ndjson", engine: .docker).filter { $0.kind == EventKind.use }
        #expect(
            uses.map { "\($0.resource) \($0.action)" }.sorted()
                == ["container create", "container create", "container start", "container start", "image tag"])
        for use in uses {
            let imageUse = try #require(use.imageUse, "\(use.resource) \(use.action)")
            #expect(!imageUse.images.isEmpty)
            #expect(imageUse.bringsData == (use.action == "create" || use.action == "tag"))
            if use.resource == "container" { #expect(imageUse.images == [use.attributes["image"] ?? ""]) }
        }
        let others = try events("docker-20.10-lifecycle.ndjson", engine: .docker).filter { $0.kind != EventKind.use }
        #expect(others.allSatisfy { $0.imageUse == nil }, "no other event names a use")
    }

    @Test("Podman 4.3: the same uses in Podman's words")
    func podmanUses() throws {
        let uses = try events("podman-4.3-lifecycle.ndjson", engine: .podman).filter { $0.kind == EventKind.use }
        #expect(Set(uses.map { "\($0.resource) \($0.action)" }) == ["container create", "image tag"])
        #expect(uses.allSatisfy { $0.imageUse?.bringsData == true })
    }

    @Test("a selection becomes the filters Docker and Podman take, as before the seam")
    func filters() {
        let trim = EventSelection(
            resources: ["container", "image", "volume", "builder"], kinds: [EventKind.prune, EventKind.remove])
        #expect(
            DockerFilter.filters(for: trim) == [
                "type": ["builder", "container", "image", "volume"], "event": ["delete", "destroy", "prune", "remove"],
            ])
        #expect(DockerFilter.filters(for: .prunes) == ["event": ["prune"]])
        #expect(DockerFilter.filters(for: .spaceFreeing) == ["event": ["delete", "destroy", "prune", "remove"]])
        #expect(DockerFilter.filters(for: .everything) == [:])
        let filesystemOnly = EventSelection(resources: ["filesystem"], kinds: [EventKind.freed])
        #expect(DockerFilter.filters(for: filesystemOnly) == ["event": ["prune"]], "prunes are always audited")
        let withUses = EventSelection(resources: ["image"], kinds: [EventKind.use], actions: ["untag"])
        #expect(
            DockerFilter.filters(for: withUses)["event"] == [
                "build", "commit", "create", "import", "load", "pull", "push", "save", "start", "tag", "untag",
            ])
    }
}
