import AgentCore
@testable import AgentRuntime
import Testing

/// The pieces that keep a listener from being starved, pure: the request-end scanner, the admission book, the
/// once-a-minute window. The real status socket under a small gate is in IntegrationTests (`ListenerGateTests`).
@Suite("listeners: connection bound, timeouts, size limit")
struct ConnectionGuardTests {
    @Test(
        "the request's end is found across reads; too many bytes before it is too large; bytes after are not looked at")
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
}
