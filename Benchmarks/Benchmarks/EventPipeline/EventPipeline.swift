import Benchmark
import DockerAPI
import EngineAdapter
import EventModel
import Formats
import Time
import Rules

/// The event path in process, one core, no I/O (issue 13: at least 1,000,000 events/s, stretch 3,000,000).
///
/// Every iteration takes the same generated stream of `EventCorpus.count` Docker-shaped events in 64 KiB chunks,
/// as the network would deliver it, through one stage more than the benchmark before it. Events per second are
/// `EventCorpus.count` divided by the time of one iteration: the `throughput` column times `EventCorpus.count`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .instructions, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(3),
        maxIterations: 1000
    )
    let destroys = EventCorpus.chunks(mix: .destroy)
    let mixed = EventCorpus.chunks(mix: .mixed)

    Benchmark("1 framing, 10k destroy events") { benchmark in
        for _ in benchmark.scaledIterations {
            var framer = LineFramer()
            var lines = 0
            for chunk in destroys {
                chunk.withUnsafeBytes { bytes in framer.forEachLine(in: bytes) { _ in lines += 1 } }
            }
            blackHole(lines)
        }
    }
    Benchmark("2 framing + decoding + normalizing, 10k destroy events") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(EventCorpus.decodeAll(destroys).count)
        }
    }
    Benchmark("3 framing + decoding + normalizing + rule matching, 10k destroy events") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(EventCorpus.matchAll(EventCorpus.decodeAll(destroys)))
        }
    }
    Benchmark("4 framing + decoding + normalizing + rule matching, 10k mixed events") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(EventCorpus.matchAll(EventCorpus.decodeAll(mixed)))
        }
    }
}
