import Foundation
import Glibc
import Journal
import Testing

/// Issue 23: 3,000 clients that each send half a request cannot starve the metrics port, take the agent's
/// descriptors or grow its memory past the README's bound; they are dropped after the header timeout.
extension Integration {
    @Suite("metrics: a port no one can starve", .timeLimit(.minutes(5)))
    struct MetricsFloodTests {
        static let clients = 3000
        /// The README's bounds (Threat model): descriptors the listeners may add (max_connections 8, the status
        /// socket's 4, one being accepted), and resident memory growth under this load.
        static let descriptorBound = 8 + 4 + 1
        static let memoryBoundKiB = 8 * 1024

        /// Open descriptors and resident memory (KiB) of `pid`, from /proc.
        static func usage(_ pid: Int32) throws -> (descriptors: Int, residentKiB: Int) {
            let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
            let kib = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
            return (descriptors, kib)
        }

        /// A TCP connection to 127.0.0.1:`port` that has sent `text` (a request without its final blank line).
        static func halfRequest(port: Int, _ text: String) throws -> Int32 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(descriptor)
                throw TestFailure("connect 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
            }
            // SIGPIPE is ignored (the test's start): a connection the agent closed already must not kill the test.
            _ = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            return descriptor
        }

        /// Whether the peer closed `descriptor` within `timeout` (a read of 0 bytes, or a reset).
        static func closedByPeer(_ descriptor: Int32, within timeout: Duration) -> Bool {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(timeout.components.seconds * 1000)
            guard poll(&poller, 1, milliseconds) == 1 else { return false }
            var byte: UInt8 = 0
            return read(descriptor, &byte, 1) <= 0
        }

        @Test(
            "3,000 half-sent requests: a fresh scrape answers, a prune runs its hook, descriptors and memory stay bounded, the rest are dropped after the header timeout"
        )
        func flood() async throws {
            try await Journald.ensureRunning()
            signal(SIGPIPE, SIG_IGN)
            try await withDockerDaemon { daemon in
                let port = try MetricsScrape.freePort()
                let rule = "flood\(UInt32.random(in: 0...UInt32.max))"
                let runs = daemon.directory + "/runs"
                let (config, _) = try AgentConfigFile.volumeRule(
                    in: daemon.directory, rule: rule, hookBody: "echo ran >> '\(runs)'")
                try
                    (try String(contentsOfFile: config, encoding: .utf8)
                    + "\n\n[metrics]\nlisten = \"127.0.0.1:\(port)\"\n")
                    .write(toFile: config, atomically: true, encoding: .utf8)
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                    directory: daemon.directory)
                try await agent.waitUntilConnected()
                let pid = agent.child.pid
                _ = try MetricsScrape.scrape("http://127.0.0.1:\(port)/metrics")
                let before = try Self.usage(pid)

                var held: [Int32] = []
                defer { for descriptor in held { close(descriptor) } }
                var peak = before
                let started = ContinuousClock.now
                for index in 0..<Self.clients {
                    held.append(try Self.halfRequest(port: port, "GET /metrics HTTP/1.1\r\nHost: flood-\(index)\r\n"))
                    if index % 250 == 249 {
                        let now = try Self.usage(pid)
                        peak = (max(peak.descriptors, now.descriptors), max(peak.residentKiB, now.residentKiB))
                    }
                }
                let opened = ContinuousClock.now - started

                // While all 3,000 are held by the test: a fresh scrape answers, and a real prune runs the hook.
                let scrape = try MetricsScrape.scrape("http://127.0.0.1:\(port)/metrics")
                #expect(scrape.contains("reclaimd_engine_connected 1"))
                if (try? daemon.docker("image inspect bb:latest")) == nil { try daemon.importBusyboxImage("bb:latest") }
                try daemon.docker("volume create flood1")
                try daemon.docker(
                    "run --rm -v flood1:/data bb:latest sh -c 'dd if=/dev/zero of=/data/f bs=1048576 count=1 2>/dev/null'"
                )
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(30), "the hook to run during the flood") {
                    ((try? String(contentsOfFile: runs, encoding: .utf8)) ?? "").contains("ran")
                }
                let during = try Self.usage(pid)
                peak = (max(peak.descriptors, during.descriptors), max(peak.residentKiB, during.residentKiB))
                print(
                    "flood: \(Self.clients) half-sent requests opened in \(opened); agent descriptors \(before.descriptors) -> peak \(peak.descriptors), resident \(before.residentKiB) KiB -> peak \(peak.residentKiB) KiB (+\(peak.residentKiB - before.residentKiB) KiB)"
                )
                #expect(
                    peak.descriptors <= before.descriptors + Self.descriptorBound,
                    "descriptors \(before.descriptors) -> \(peak.descriptors)")
                #expect(
                    peak.residentKiB - before.residentKiB <= Self.memoryBoundKiB,
                    "resident \(before.residentKiB) -> \(peak.residentKiB) KiB")

                // Every one of them is closed by the agent: most at once, the last few held ones after the 5 s
                // header timeout.
                let dropped = held.filter { Self.closedByPeer($0, within: .seconds(8)) }.count
                #expect(dropped == Self.clients)
                let samples = try MetricsScrape.samples(MetricsScrape.scrape("http://127.0.0.1:\(port)/metrics"))
                let displaced =
                    samples["reclaimd_connections_refused_total{listener=\"metrics\",reason=\"displaced\"}"] ?? 0
                let timedOut =
                    samples["reclaimd_connections_refused_total{listener=\"metrics\",reason=\"header_timeout\"}"] ?? 0
                #expect(
                    displaced + timedOut >= Double(Self.clients), "displaced \(displaced), header_timeout \(timedOut)")
                #expect(timedOut >= 1)
                // Journaled once for the whole flood (at most once a minute).
                let warnings = try agent.journalEntries("PRIORITY=4").filter {
                    $0.string("MESSAGE")?.hasPrefix("metrics: refused or dropped clients") == true
                }
                #expect(warnings.count == 1, "\(warnings.compactMap { $0.string("MESSAGE") })")
                #expect(try await agent.stop(signal: SIGTERM) == 0, "stderr: \(agent.stderr)")
            }
        }
    }
}
