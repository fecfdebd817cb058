import DockerAPI
import EngineAdapter
import TestSupport
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test("doubles from 100 ms to a 30 s cap, each delay jittered in the upper half")
    func schedule() {
        var backoff = Backoff()
        var generator = SplitMix(seed: 42)
        let ceilings: [Duration] = [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
            .milliseconds(1600), .milliseconds(3200), .milliseconds(6400), .milliseconds(12800),
            .milliseconds(25600), .seconds(30), .seconds(30),
        ]
        for ceiling in ceilings {
            #expect(backoff.ceiling == ceiling)
            let delay = backoff.next(using: &generator)
            #expect(delay <= ceiling && delay >= ceiling / 2)
        }
        for _ in 0..<100 { _ = backoff.next(using: &generator) }
        #expect(backoff.ceiling == .seconds(30), "no overflow after many attempts")
        backoff.reset()
        #expect(backoff.ceiling == .milliseconds(100))
    }

    @Test("jitter spreads delays")
    func spreads() {
        var generator = SplitMix(seed: 7)
        let delays = (0..<20).map { _ -> Duration in
            var backoff = Backoff()
            return backoff.next(using: &generator)
        }
        #expect(Set(delays).count > 10)
    }
}
