import JournalFormat
import Foundation

/// A real HTTP server on 127.0.0.1 (Python's standard library, as a child process) that records every request
/// body it receives and answers with a fixed status.
final class RecordingHTTPServer: @unchecked Sendable {
    let directory: String
    let port: Int
    private let process: ChildProcess

    private static let script = """
        import http.server, os, sys
        directory, status = sys.argv[1], int(sys.argv[2])
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                count = len(os.listdir(directory))
                with open(os.path.join(directory, "request-%03d" % count), "wb") as f:
                    f.write(body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    init(status: Int, scratch: String) async throws {
        directory = scratch + "/requests-\(status)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let portFile = scratch + "/port-\(status)"
        process = try ChildProcess(
            "/usr/bin/python3", ["-c", Self.script, directory, String(status)], stdout: portFile)
        var found = 0
        try await waitUntil(timeout: .seconds(10), "the HTTP server to listen") {
            found =
                Int(
                    (try? String(contentsOfFile: portFile, encoding: .utf8))?.trimmingCharacters(
                        in: .whitespacesAndNewlines) ?? "") ?? 0
            return found > 0
        }
        port = found
    }

    /// The bodies received, in order.
    var requests: [Data] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        return names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
    }

    func stop() {
        process.signal(SIGKILL)
        _ = process.waitBlocking()
    }
}
