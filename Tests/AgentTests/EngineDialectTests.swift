import AgentCore
import AgentRuntime
import DockerAPI
import EngineAdapter
import EventModel
import Foundation
import Rules
import Testing

/// The default trim rule against what each engine really says when space is freed: each freeing operation makes
/// exactly one run, whichever way the engine reports it.
@Suite("the default rule on every engine's dialect")
struct EngineDialectTests {
    private func stream(_ name: String, engine: EngineKind) throws -> [RuleEvent] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DockerAPITests/Fixtures/\(name)")
        var decoder = EventStreamDecoder(engine: engine)
        let bytes = Array(try Data(contentsOf: url))
        return (decoder.feed(bytes) + decoder.finish()).compactMap { item in
            if case .event(let event) = item { return RuleEvent(event) }
            return nil
        }
    }

    private func runs(_ events: [RuleEvent]) -> [Decision] {
        Simulation.run(rules: [.builtInTrim], events: events, hookDuration: .seconds(1)).decisions
    }

    @Test("Docker 29 with the containerd image store: one run per image prune, though no image prune event comes")
    func containerdStore() throws {
        let events = try stream("docker-29-containerd-image-prune.ndjson", engine: .docker)
        let decisions = runs(events)
        #expect(
            decisions.count == 3,
            "rm + container prune, prune of three images, prune of one image; a lone untag is no run")
        #expect(decisions.map(\.batch.eventCount) == [2, 3, 1])
        #expect(decisions[1].batch.events.allSatisfy { $0.kind == EventKind.remove && $0.action == "delete" })
        #expect(decisions[0].batch.totalBytes == 4096, "the container prune's bytes; removals report none")
    }

    @Test("Podman 4.3: a container removal, a volume prune and an image removal each make one run")
    func podman() throws {
        let events = try stream("podman-4.3-lifecycle.ndjson", engine: .podman)
        for (what, resource) in [
            ("container removal", "container"), ("volume prune", "volume"), ("image removal", "image"),
        ] {
            let decisions = runs(events.filter { $0.resource == resource })
            #expect(decisions.count == 1, "\(what): \(decisions.count) runs")
            #expect(decisions.first?.batch.totalBytes == 0, "Podman reports no bytes")
        }
        let volume = events.filter {
            $0.resource == "volume" && ($0.kind == EventKind.remove || $0.kind == EventKind.prune)
        }
        #expect(volume.map(\.action) == ["remove", "prune"], "per volume: remove, then prune")
        #expect(runs(events).count == 1, "all of it within a second: one run")
    }

    @Test("Docker 20.10: rm, rmi and volume rm are removals; a system prune stays one run")
    func docker2010() throws {
        let events = try stream("docker-20.10-lifecycle.ndjson", engine: .docker)
        let removals = events.filter { $0.kind == EventKind.remove }
        #expect(Set(removals.map(\.resource)).isSubset(of: ["container", "image", "volume"]))
        #expect(!removals.isEmpty)
        #expect(runs(events).count == 1, "the whole recorded session is one burst")
    }
}
