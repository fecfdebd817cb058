import JournalFormat
import Foundation

/// A unix-socket forwarder between reclaimd and a real engine, so a test can cut the connection while the
/// engine (and its event backlog) stays up, or fail the engine's `GET /info` a few times. Python's standard
/// library, run as a child process.
final class SocketProxy: @unchecked Sendable {
    let socketPath: String
    let target: String
    private var process: ChildProcess?

    private static let script = """
        import os, socket, sys, threading
        listen_path, target = sys.argv[1], sys.argv[2]
        info_failures = [int(sys.argv[3])]
        refused_delete = sys.argv[4].encode() if len(sys.argv) > 4 and sys.argv[4] else None
        stalls_left = [int(sys.argv[5]) if len(sys.argv) > 5 else 0]
        stalled = []
        def answer_instead(client, status, message):
            # The engine's kind of error answer, then close: the request never reaches the engine.
            client.recv(65536)
            body = b'{"message":"' + message + b'"}'
            client.sendall(b"HTTP/1.1 " + status + b"\\r\\nContent-Type: application/json\\r\\nContent-Length: "
                           + str(len(body)).encode() + b"\\r\\nConnection: close\\r\\n\\r\\n" + body)
            client.close()
            return True
        def request_line(client):
            return client.recv(65536, socket.MSG_PEEK).split(b"\\r\\n", 1)[0].split(b" ")
        def refuse_delete(client):
            # A DELETE whose path holds the refused text: a conflict.
            parts = request_line(client)
            if refused_delete is None or len(parts) < 2 or parts[0] != b"DELETE" or refused_delete not in parts[1]: return False
            return answer_instead(client, b"409 Conflict", b"injected refusal of " + parts[1])
        def fail_info(client):
            # A request for /info while failures are left.
            parts = request_line(client)
            if info_failures[0] <= 0 or len(parts) < 2 or not parts[1].split(b"?")[0].endswith(b"/info"): return False
            info_failures[0] -= 1
            return answer_instead(client, b"500 Internal Server Error", b"injected failure of GET /info")
        def stall(client):
            # A hung engine: read the request, send half a status line's headers, then nothing, ever.
            if stalls_left[0] <= 0: return False
            stalls_left[0] -= 1
            client.recv(65536)
            client.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: appl")
            stalled.append(client)
            return True
        if os.path.exists(listen_path): os.unlink(listen_path)
        server = socket.socket(socket.AF_UNIX); server.bind(listen_path); server.listen(16)
        def pipe(a, b):
            try:
                while True:
                    data = a.recv(65536)
                    if not data: break
                    b.sendall(data)
            except OSError: pass
            finally:
                for s in (a, b):
                    try: s.shutdown(socket.SHUT_RDWR)
                    except OSError: pass
        while True:
            client, _ = server.accept()
            if stall(client) or fail_info(client) or refuse_delete(client): continue
            upstream = socket.socket(socket.AF_UNIX); upstream.connect(target)
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        """

    /// How many `GET /info` requests get a 500 before the proxy forwards them too.
    let infoFailures: Int

    /// A `DELETE` whose path holds this text gets a 409 instead of reaching the engine.
    let refusedDelete: String

    /// How many connections, from the proxy's start, get half a response head and then silence: a hung engine.
    var stalledConnections: Int

    init(
        target: String, directory: String, infoFailures: Int = 0, refusedDelete: String = "",
        stalledConnections: Int = 0
    ) throws {
        self.target = target
        self.infoFailures = infoFailures
        self.refusedDelete = refusedDelete
        self.stalledConnections = stalledConnections
        socketPath = directory + "/proxy.sock"
        try start()
    }

    func start() throws {
        process = try ChildProcess(
            "/usr/bin/python3",
            ["-c", Self.script, socketPath, target, String(infoFailures), refusedDelete, String(stalledConnections)])
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socketPath), Date() < deadline { usleep(20_000) }
        guard FileManager.default.fileExists(atPath: socketPath) else {
            throw TestFailure("the socket proxy did not create \(socketPath) within 10 s (python3 failed?)")
        }
    }

    /// Kills the proxy: every connection through it breaks at once.
    func stop() {
        guard let process, process.isRunning else { return }
        process.signal(SIGKILL)
        _ = process.waitBlocking()
        try? FileManager.default.removeItem(atPath: socketPath)
        self.process = nil
    }
}
