import Formats
import Time
import Rules
import Testing

@Suite("Batch: exact totals, bounded events")
struct BatchTests {
    private func event(_ index: Int, bytes: UInt64? = 3, resource: String = "volume") -> RuleEvent {
        RuleEvent(
            resource: resource, action: "prune", reclaimedBytes: bytes, time: Timestamp(seconds: Int64(1000 + index)),
            json: "{\"i\":\(index)}")
    }

    @Test("past its limit a batch keeps counting everything but keeps only the first events")
    func bounded() {
        var batch = Batch(eventLimit: 10)
        for index in 0..<100_000 {
            batch.add(event(index, bytes: index % 4 == 0 ? nil : 3, resource: index == 77_777 ? "image" : "volume"))
        }
        #expect(batch.events.count == 10)
        #expect(batch.events.last?.json == "{\"i\":9}")
        #expect(batch.eventCount == 100_000)
        #expect(batch.omittedCount == 99_990)
        #expect(batch.totalBytes == 75_000 * 3)
        #expect(batch.resources == ["image", "volume"])
        #expect(batch.firstEventTime == Timestamp(seconds: 1000))
        #expect(batch.lastEventTime == Timestamp(seconds: 100_999))
    }

    @Test("merging adds the totals and fills the room left; a smaller limit keeps totals exact")
    func mergeAndLimit() {
        var first = Batch(eventLimit: 4)
        for index in 0..<3 { first.add(event(index)) }
        var second = Batch(eventLimit: 4)
        for index in 3..<6 { second.add(event(index, resource: "image")) }
        first.merge(second)
        #expect(first.events.map(\.json) == ["{\"i\":0}", "{\"i\":1}", "{\"i\":2}", "{\"i\":3}"])
        #expect(first.eventCount == 6)
        #expect(first.totalBytes == 18)
        #expect(first.resources == ["image", "volume"])
        #expect(first.lastEventTime == Timestamp(seconds: 1005))
        let smaller = first.limited(to: 1)
        #expect(smaller.events.count == 1)
        #expect(smaller.eventCount == 6)
        #expect(smaller.omittedCount == 5)
    }

    @Test("bytes saturate instead of overflowing")
    func saturates() {
        var batch = Batch()
        batch.add(event(0, bytes: .max))
        batch.add(event(1, bytes: 5))
        #expect(batch.totalBytes == .max)
    }
}
