import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Testing

@Suite("EventDeduplicator")
struct EventDeduplicatorTests {
    private func event(_ nanos: Int64, _ type: String = "volume") -> ReclaimEvent {
        EventNormalizer(engine: .docker).normalize(
            EngineEvent(
                type: type, action: "prune", attributes: ["reclaimed": "1"], time: Timestamp(nanoseconds: nanos))
        ).event
    }

    private func admit(_ dedup: inout EventDeduplicator, _ event: ReclaimEvent) -> Bool {
        dedup.admit(event)
    }

    @Test("a replay after reconnect drops what was delivered and what is older, keeps what is new")
    func replay() {
        var dedup = EventDeduplicator()
        #expect(admit(&dedup, event(10)))
        #expect(admit(&dedup, event(20)))
        #expect(dedup.cursor == Timestamp(nanoseconds: 20))
        dedup.beginReplay()
        #expect(!admit(&dedup, event(15, "image")), "older than the cursor: handled before the reconnect")
        #expect(!admit(&dedup, event(20)), "the event at the cursor again")
        #expect(admit(&dedup, event(20, "image")), "a different event at the same nanosecond")
        #expect(admit(&dedup, event(30)))
        #expect(!admit(&dedup, event(30)))
    }

    @Test("within one connection, out-of-order events (as Podman sends) are kept")
    func outOfOrderLive() {
        var dedup = EventDeduplicator()
        #expect(admit(&dedup, event(50)))
        #expect(admit(&dedup, event(40)))
        #expect(dedup.cursor == Timestamp(nanoseconds: 50))
    }

    @Test("remembers a bounded number of keys")
    func bounded() {
        var dedup = EventDeduplicator(memory: 3)
        for nanos in 1...4 { #expect(admit(&dedup, event(Int64(nanos)))) }
        #expect(admit(&dedup, event(1)), "forgotten after three newer keys")
        #expect(!admit(&dedup, event(4)))
    }
}
