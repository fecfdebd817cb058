import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Testing

@Suite("EventKey")
struct EventKeyTests {
    private let base = EngineEvent(
        type: "image", action: "prune", actorID: "", attributes: ["reclaimed": "5"],
        time: Timestamp(nanoseconds: 1_795_364_605_762_178_784))

    @Test("the same event always has the same key, whatever the attribute order")
    func stable() {
        var reordered = base
        reordered.attributes = ["b": "2", "a": "1"]
        var again = base
        again.attributes = ["a": "1", "b": "2"]
        #expect(EventKey(of: reordered) == EventKey(of: again))
        #expect(EventKey(of: base).description == EventKey(of: base).description)
        #expect(EventKey(EventKey(of: base).description) == EventKey(of: base))
    }

    @Test("events that differ in any field have different keys")
    func distinct() {
        var variants = [base]
        var changed = base; changed.type = "volume"; variants.append(changed)
        changed = base; changed.action = "delete"; variants.append(changed)
        changed = base; changed.actorID = "x"; variants.append(changed)
        changed = base; changed.time = Timestamp(nanoseconds: base.time.nanoseconds + 1); variants.append(changed)
        changed = base; changed.attributes = ["reclaimed": "6"]; variants.append(changed)
        changed = base; changed.attributes = ["reclaime": "d5"]; variants.append(changed)
        #expect(Set(variants.map { EventKey(of: $0) }).count == variants.count)
    }

    @Test("a thousand prunes a nanosecond apart all differ")
    func noCollisionsInBurst() {
        let keys = (0..<1000).map { offset -> EventKey in
            var event = base
            event.time = Timestamp(nanoseconds: base.time.nanoseconds + Int64(offset))
            return EventKey(of: event)
        }
        #expect(Set(keys).count == 1000)
    }
}
