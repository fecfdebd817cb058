import AgentCore
@testable import AgentRuntime
import EngineAdapter
import FilesystemSource
import JournalFormat
import Synchronization
import Testing

@Suite("InputMailbox")
struct InputMailboxTests {
    private static func report(_ index: Int) -> AgentInput {
        .source(generation: index, .disconnected(reason: "\(index)"))
    }

    private static func generations(_ batch: [AgentInput]) -> [Int] {
        batch.compactMap { if case .source(let generation, _) = $0 { generation } else { nil } }
    }

    @Test("the loop takes everything waiting at once, in order")
    func batches() async {
        let mailbox = InputMailbox(eventLimit: 100)
        mailbox.yield(.timer)
        await mailbox.send(Self.report(1))
        mailbox.yield(.flush)
        let batch = await mailbox.next()
        #expect(batch.count == 3)
        #expect(Self.generations(batch) == [1])
        mailbox.finish()
        #expect(await mailbox.next().isEmpty)
    }

    @Test("a source at the limit waits until the loop takes its events, and the wait is counted")
    func backpressure() async throws {
        let mailbox = InputMailbox(eventLimit: 4)
        let sent = Atomic<Int>(0)
        let source = Task {
            for index in 0..<10 {
                await mailbox.send(Self.report(index))
                sent.add(1, ordering: .relaxed)
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(sent.load(ordering: .relaxed) == 3, "the fourth send waits")
        var received: [Int] = []
        while received.count < 10 {
            received += Self.generations(await mailbox.next())
        }
        await source.value
        #expect(received == Array(0..<10))
        #expect(mailbox.takeStalls() >= 1)
        #expect(mailbox.takeStalls() == 0)
    }

    @Test("a waiting source goes on when cancelled or when the mailbox finishes")
    func cancellation() async throws {
        let mailbox = InputMailbox(eventLimit: 1)
        let cancelled = Task { await mailbox.send(Self.report(1)) }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        await cancelled.value
        let finished = Task { await mailbox.send(Self.report(2)) }
        try await Task.sleep(for: .milliseconds(50))
        mailbox.finish()
        await finished.value
    }
}
