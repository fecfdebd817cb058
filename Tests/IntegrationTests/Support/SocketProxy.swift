import Foundation

/// A unix-socket forwarder between reclaimd and a real engine, so a test can cut the connection while the
/// engine (and its event backlog) stays up. Python's standard library, run as a child process.
final class SocketProxy: @unchecked Sendable {
    let socketPath: String
    let target: String
    private var process: ChildProcess?

    private static let script = """
        import os, socket, sys, threading
        listen_path, target = sys.argv[1], sys.argv[2]
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
            upstream = socket.socket(socket.AF_UNIX); upstream.connect(target)
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        """

    init(target: String, directory: String) throws {
        self.target = target
        socketPath = directory + "/proxy.sock"
        try start()
    }

    func start() throws {
        process = try ChildProcess("/usr/bin/python3", ["-c", Self.script, socketPath, target])
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socketPath), Date() < deadline { usleep(20_000) }
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
