import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Testing

/// The per-event shortcuts of the event path against the plain forms they replaced.
@Suite("Event path shortcuts")
struct EventPathEquivalenceTests {
    private func recordedEvents() throws -> [EngineEvent] {
        try ["docker-20.10-lifecycle.ndjson", "podman-4.3-lifecycle.ndjson"].flatMap { name in
            try Fixture.bytes(name).split(separator: UInt8(ascii: "\n")).map {
                try EventDecoder.decode(Array($0), offset: 0)
            }
        }
    }

    @Test("an event's key, hashed field by field, is the key of the list of its fields")
    func keys() throws {
        var events = try recordedEvents()
        events.append(
            EngineEvent(
                type: "x", action: "y", attributes: ["b": "2", "a": "1", "é": "\u{0}"],
                time: Timestamp(nanoseconds: -5)))
        events.append(EngineEvent(type: "", action: "", time: Timestamp(nanoseconds: .min)))
        for event in events {
            var fields = [event.type, event.action, event.actorID, String(event.time.nanoseconds)]
            for name in event.attributes.keys.sorted() {
                fields.append(name)
                fields.append(event.attributes[name] ?? "")
            }
            #expect(EventKey(of: event) == EventKey(hashing: fields))
        }
    }

    @Test("kind: removals per engine, as the removal tables say")
    func kinds() {
        let removals: [EngineKind: [String: Set<String>]] = [
            .docker: ["container": ["destroy"], "image": ["delete"], "volume": ["destroy"]],
            .podman: ["container": ["remove"], "image": ["delete", "remove"], "volume": ["remove"]],
        ]
        let actions = ["destroy", "delete", "remove", "prune", "untag", "create", "die"]
        for engine in EngineKind.allCases {
            let normalizer = EventNormalizer(engine: engine)
            for type in ["container", "image", "volume", "network", "builder", "plugin"] {
                for action in actions {
                    let event = EngineEvent(type: type, action: action, time: Timestamp(nanoseconds: 1))
                    let isUse = (type == "container" && action == "create")
                    let expected =
                        action == "prune"
                        ? "prune"
                        : removals[engine]?[type]?.contains(action) == true ? "remove" : isUse ? "use" : action
                    #expect(normalizer.kind(of: event) == expected, "\(engine) \(type) \(action)")
                }
            }
        }
        #expect(EventNormalizer.removalActions == ["delete", "destroy", "remove"])
    }

    @Test("event JSON: escapes and sorted attributes, the same text as the object writer gives")
    func json() {
        let attributes = ["z": "1", "a": "q\"uote", "m": "line\nbreak\u{1}", "é": "中😀"]
        let event = ReclaimEvent(
            source: "docker", resource: "con\\tainer", action: "destroy", kind: "remove",
            reclaimedBytes: nil, actorID: "abc", attributes: attributes,
            time: Timestamp(nanoseconds: 1_795_364_605_762_178_784), key: EventKey(value: 1))
        var writer = JSONObjectWriter()
        writer.add("time", event.time.rfc3339)
        writer.add("time_nano", event.time.nanoseconds)
        writer.add("engine", event.source)
        writer.add("resource", event.resource)
        writer.add("action", event.action)
        writer.add("kind", event.kind)
        writer.add("reclaimed_bytes", event.reclaimedBytes)
        writer.add("actor_id", event.actorID)
        writer.add("attributes", event.attributes)
        #expect(event.json == writer.finish())
        var pruned = event
        pruned.reclaimedBytes = .max
        #expect(pruned.json.contains(#""reclaimed_bytes":18446744073709551615,"#))
    }
}
