@testable import Agent
import Glibc
import Logging
import Synchronization
import Testing

/// The pieces that keep a listener from being starved: the request-end scanner and the once-a-minute window
/// (pure), then a real status socket with a small gate, spoken to over a real unix socket.
@Suite("listeners: connection bound, timeouts, size limit")
struct ConnectionGuardTests {
    @Test("the request's end is found across reads; too many bytes before it is too large; bytes after are not looked at")
    func scanner() {
        var http = RequestEndScanner(end: Array("\r\n\r\n".utf8), limit: 64)
        #expect(http.scan(Array("GET /metrics HTTP/1.1\r\nHost: x\r".utf8)) == .incomplete)
        #expect(http.scan(Array("\n\r".utf8)) == .incomplete)
        #expect(http.scan(Array("\nbody".utf8)) == .ended)
        #expect(http.scan(Array("more".utf8)) == .after)
        var restart = RequestEndScanner(end: Array("\r\n\r\n".utf8), limit: 64)
        #expect(restart.scan(Array("a\r\n\r\r\n\r\n".utf8)) == .ended)
        var large = RequestEndScanner(end: Array("\n".utf8), limit: 8)
        #expect(large.scan(Array("1234567".utf8)) == .incomplete)
        #expect(large.scan(Array("89".utf8)) == .tooLarge)
        var exact = RequestEndScanner(end: Array("\n".utf8), limit: 5)
        #expect(exact.scan(Array("json\n".utf8)) == .ended)
    }

    @Test("a full book: the oldest client still sending gives its place; when all are answered, the new one is refused")
    func book() {
        var book = AdmissionBook<Int>(places: 2)
        #expect(book.admit(1) == .admitted)
        #expect(book.admit(2) == .admitted)
        #expect(book.admit(3) == .admittedInPlaceOf(1))
        book.complete(2)
        #expect(book.admit(4) == .admittedInPlaceOf(3))
        book.complete(4)
        #expect(book.admit(5) == .refused)
        book.release(2)
        #expect(book.admit(5) == .admitted)
        #expect(book.count == 2)
    }

    @Test("refusals are journaled at once, then summed and told at most once a minute")
    func window() {
        var window = RefusalWindow()
        let start = ContinuousClock.now
        #expect(window.record(.tooMany, at: start) == [.tooMany: 1])
        #expect(window.record(.tooMany, at: start + .seconds(1)) == nil)
        #expect(window.record(.headerTimeout, at: start + .seconds(59)) == nil)
        let due = window.record(.tooMany, at: start + .seconds(61))
        #expect(due == [.tooMany: 2, .headerTimeout: 1])
        #expect(RefusalWindow.summary(due ?? [:]) == "2 too_many, 1 header_timeout")
        #expect(window.record(.tooLarge, at: start + .seconds(62)) == nil)
    }

    /// Refusals as the metric would count them.
    final class Counted: Sendable {
        let counts = Mutex<[ConnectionRefusal: Int]>([:])
        func add(_ refusal: ConnectionRefusal) { counts.withLock { $0[refusal, default: 0] += 1 } }
        subscript(_ refusal: ConnectionRefusal) -> Int { counts.withLock { $0[refusal] ?? 0 } }
    }

    @Test("a real status socket: a third client takes the oldest silent one's place, silent ones go after the header timeout, a too-long request at once; a fresh request still answers")
    func realSocket() async throws {
        var template = Array("/tmp/rdcg-XXXXXX".utf8CString)
        let directory = try #require(template.withUnsafeMutableBufferPointer { $0.baseAddress.flatMap { mkdtemp($0) } }.map { String(cString: $0) })
        defer { _ = system("rm -rf '\(directory)'") }
        let counted = Counted()
        let limits = ConnectionLimits(maxConnections: 2, headerTimeout: .milliseconds(400), idleTimeout: .milliseconds(400),
                                      maxRequestBytes: 32, requestEnd: Array("\n".utf8))
        let gate = ConnectionGate(listener: "status", limits: limits, logger: Logger(label: "test")) { counted.add($0) }
        let server = try await StatusServer.bind(directory: directory, board: StatusBoard(), gate: gate)
        let serving = Task { await server.serve() }
        defer { serving.cancel() }
        let path = directory + "/" + StatusServer.fileName

        let first = try UnixClient(path)
        try await waitFor { gate.open == 1 }
        let silent = try [UnixClient(path), UnixClient(path)]
        // The first, oldest and still silent, was closed for the third.
        #expect(await first.readAll(within: .seconds(3)) == "", "the oldest silent client is closed without an answer")
        #expect(counted[.displaced] == 1)
        #expect(gate.open == 2)
        // The two silent clients are dropped after the header timeout; then a fresh request answers.
        let start = ContinuousClock.now
        for client in silent { #expect(await client.readAll(within: .seconds(3)) == "") }
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        #expect(counted[.headerTimeout] == 2)
        try await waitFor { gate.open == 0 }
        let fresh = try UnixClient(path)
        fresh.send("text\n")
        #expect(await fresh.readAll(within: .seconds(3)) == "starting: no status yet\n")
        let large = try UnixClient(path)
        large.send(String(repeating: "x", count: 40))
        #expect(await large.readAll(within: .seconds(3)) == "")
        #expect(counted[.tooLarge] == 1)
        try await waitFor { gate.open == 0 }
    }

    private func waitFor(_ condition: () -> Bool) async throws {
        for _ in 0..<100 where !condition() { try await Task.sleep(for: .milliseconds(20)) }
        #expect(condition())
    }
}

/// A unix-socket client for the test. Its reads poll and sleep rather than block: a blocked thread of the
/// cooperative pool (two on this machine) could starve the server under test of the tasks that serve it.
struct UnixClient {
    let descriptor: Int32

    init(_ path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
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
