import EngineAPI
import Testing

@Suite("Backoff")
struct BackoffTests {
    /// A deterministic generator, so the jitter can be checked.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("doubles from 100 ms to a 30 s cap, each delay jittered in the upper half")
    func schedule() {
        var backoff = Backoff()
        var generator = SplitMix(state: 42)
        let ceilings: [Duration] = [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                                    .milliseconds(1600), .milliseconds(3200), .milliseconds(6400), .milliseconds(12800),
                                    .milliseconds(25600), .seconds(30), .seconds(30)]
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
        var generator = SplitMix(state: 7)
        let delays = (0..<20).map { _ -> Duration in
            var backoff = Backoff()
            return backoff.next(using: &generator)
        }
        #expect(Set(delays).count > 10)
    }
}
