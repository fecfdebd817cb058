import AgentCore
import AgentRuntime
import Glibc
import Logging
import Synchronization
import Testing

/// A real status socket under a small gate, spoken to over a real unix socket, in the test process. In the
/// serialized integration suite: run beside another integration test in the same process (which blocks threads
/// and holds thousands of descriptors), its clients did not see the closes the gate counted; alone it passes.
extension Integration {
    @Suite("listeners: a real status socket under a small gate", .timeLimit(.minutes(1)))
    struct ListenerGateTests {
        /// Refusals as the metric would count them.
        final class Counted: Sendable {
            let counts = Mutex<[ConnectionRefusal: Int]>([:])
            func add(_ refusal: ConnectionRefusal) { counts.withLock { $0[refusal, default: 0] += 1 } }
            subscript(_ refusal: ConnectionRefusal) -> Int { counts.withLock { $0[refusal] ?? 0 } }
        }

        @Test(
            "a real status socket: a third client takes the oldest silent one's place, silent ones go after the header timeout, a too-long request at once; a fresh request still answers"
        )
        func realSocket() async throws {
            var template = Array("/tmp/rdcg-XXXXXX".utf8CString)
            let directory = try #require(
                template.withUnsafeMutableBufferPointer { $0.baseAddress.flatMap { mkdtemp($0) } }.map {
                    String(cString: $0)
                })
            defer { _ = system("rm -rf '\(directory)'") }
            let counted = Counted()
            let limits = ConnectionLimits(
                maxConnections: 2, headerTimeout: .milliseconds(400), idleTimeout: .milliseconds(400),
                maxRequestBytes: 32, requestEnd: Array("\n".utf8))
            let gate = ConnectionGate(listener: "status", limits: limits, logger: Logger(label: "test")) {
                counted.add($0)
            }
            let server = try await StatusServer.bind(directory: directory, board: StatusBoard(), gate: gate)
            let serving = Task { await server.serve() }
            defer { serving.cancel() }
            let path = directory + "/" + StatusServer.fileName

            let first = try GateTestClient(path)
            try await waitFor { gate.open == 1 }
            let silent = try [GateTestClient(path), GateTestClient(path)]
            // The first, oldest and still silent, was closed for the third.
            #expect(
                await first.readAll(within: .seconds(3)) == "", "the oldest silent client is closed without an answer")
            #expect(counted[.displaced] == 1)
            #expect(gate.open == 2)
            // The two silent clients are dropped after the header timeout; then a fresh request answers.
            let start = ContinuousClock.now
            for client in silent { #expect(await client.readAll(within: .seconds(3)) == "") }
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(counted[.headerTimeout] == 2)
            try await waitFor { gate.open == 0 }
            let fresh = try GateTestClient(path)
            fresh.send("text\n")
            #expect(await fresh.readAll(within: .seconds(3)) == "starting: no status yet\n")
            let large = try GateTestClient(path)
            large.send(String(repeating: "x", count: 40))
            #expect(await large.readAll(within: .seconds(3)) == "")
            #expect(counted[.tooLarge] == 1)
            try await waitFor { gate.open == 0 }
        }

        func waitFor(_ condition: () -> Bool) async throws {
            for _ in 0..<100 where !condition() { try await Task.sleep(for: .milliseconds(20)) }
            #expect(condition())
        }
    }

}

/// A unix-socket client for the test. Its reads poll and sleep rather than block: a blocked thread of the
/// cooperative pool (two on this machine) could starve the server under test of the tasks that serve it.
struct GateTestClient {
    let descriptor: Int32

    init(_ path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(connected == 0, "connect \(path): \(String(cString: strerror(errno)))")
    }

    func send(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Everything until the server closes (or `within` passes: then what came, with "(timed out)").
    func readAll(within timeout: Duration) async -> String {
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + timeout
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) == 1 {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { return String(decoding: bytes, as: UTF8.self) }
                bytes += buffer[0..<count]
            } else {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        return String(decoding: bytes, as: UTF8.self) + "(timed out)"
    }
}
