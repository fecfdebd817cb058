import JournalFormat
import Foundation
import Glibc

/// Scraping the agent's metrics as Prometheus would (curl) and checking them with promtool.
enum MetricsScrape {
    /// A TCP port on 127.0.0.1 free right now (bound to port 0, read back, closed).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw TestFailure("bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// `curl` of `GET /metrics` (over `--unix-socket` when given), failing on anything but 200.
    static func scrape(_ url: String, unixSocket: String? = nil) throws -> String {
        let via = unixSocket.map { "--unix-socket '\($0)' " } ?? ""
        return try Shell.succeed("curl -sS --fail --max-time 10 \(via)'\(url)'")
    }

    /// `promtool check metrics` on `exposition`: throws with promtool's complaints unless it passes cleanly.
    static func promtoolCheck(_ exposition: String, directory: String) throws {
        let file = directory + "/scrape-\(UUID().uuidString.prefix(8)).prom"
        try exposition.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Shell.run("promtool check metrics < '\(file)'")
        guard result.status == 0, result.stdout.isEmpty, result.stderr.isEmpty else {
            throw TestFailure(
                "promtool check metrics exited \(result.status): \(result.stdout)\(result.stderr)\n\(exposition)")
        }
    }

    /// The samples of an exposition: `name{labels}` (as written) to value. Throws on a line that is not a
    /// comment or a sample, so a half-written exposition cannot pass.
    static func samples(_ exposition: String) throws -> [String: Double] {
        guard exposition.hasSuffix("\n") else { throw TestFailure("the exposition does not end in a newline") }
        var result: [String: Double] = [:]
        for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw TestFailure("not a sample line: \(line)")
            }
            result[String(line[..<space])] = value
        }
        return result
    }
}
