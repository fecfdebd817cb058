import Rules
import Testing

@Suite("[metrics] configuration")
struct MetricsConfigurationTests {
    private let parser = ConfigurationParser(file: "reclaimd.toml", vocabulary: EventVocabulary(resources: ["volume"]))

    @Test("off by default: no listen, no textfile")
    func offByDefault() throws {
        let configuration = try parser.parse("")
        #expect(configuration.metrics == MetricsSettings())
        #expect(!configuration.metrics.isEnabled)
    }

    @Test("reads TCP, IPv6 and unix listen addresses and a textfile")
    func readsAddresses() throws {
        let tcp = try parser.parse(
            "[metrics]\nlisten = \"127.0.0.1:9858\"\ntextfile = \"/var/lib/node/reclaimd.prom\"\n")
        #expect(tcp.metrics.listen == .tcp(host: "127.0.0.1", port: 9858))
        #expect(tcp.metrics.textfile == "/var/lib/node/reclaimd.prom")
        #expect(tcp.metrics.isEnabled)
        let ipv6 = try parser.parse("[metrics]\nlisten = \"[::1]:9858\"\n")
        #expect(ipv6.metrics.listen == .tcp(host: "::1", port: 9858))
        #expect(ipv6.metrics.listen?.description == "[::1]:9858")
        let unix = try parser.parse("[metrics]\nlisten = \"unix:///run/reclaimd/metrics.sock\"\n")
        #expect(unix.metrics.listen == .unix(path: "/run/reclaimd/metrics.sock"))
        #expect(unix.metrics.listen?.description == "unix:///run/reclaimd/metrics.sock")
    }

    @Test(
        "refuses what is not an address, each at its FILE:LINE:COLUMN",
        arguments: [
            "\"9858\"", "\"127.0.0.1\"", "\"127.0.0.1:0\"", "\"127.0.0.1:65536\"", "\"::1:9858\"", "\":9858\"",
            "\"unix://relative.sock\"", "9858", "\"http://127.0.0.1:9858\"",
        ])
    func refusesBadListen(_ value: String) {
        #expect(throws: ConfigurationErrors.self) { try parser.parse("[metrics]\nlisten = \(value)\n") }
        do {
            _ = try parser.parse("[metrics]\nlisten = \(value)\n")
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "reclaimd.toml:2:10: metrics.listen \(value) is not an address; expected \(MetricsListen.acceptedForms)"
                ])
        }
    }

    @Test("refuses a relative textfile, a non-table section and unknown keys")
    func refusesOtherMistakes() {
        do {
            _ = try parser.parse("[metrics]\ntextfile = \"reclaimd.prom\"\nport = 9858\n")
            Issue.record("accepted")
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "reclaimd.toml:2:12: metrics.textfile must be an absolute file path as a string, e.g. \"/var/lib/prometheus/node-exporter/reclaimd.prom\"",
                    "reclaimd.toml:3:1: unknown key \"port\" in [metrics]; expected one of: listen, textfile, max_connections",
                ])
        }
        do {
            _ = try parser.parse("metrics = 1\n")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.description) == ["reclaimd.toml:1:1: metrics must be a table: [metrics]"])
        }
    }

    @Test("max_connections: 8 by default, 1 to 64, anything else refused at its position")
    func maxConnections() throws {
        #expect(try parser.parse("[metrics]\nlisten = \"127.0.0.1:9858\"\n").metrics.maxConnections == 8)
        #expect(try parser.parse("[metrics]\nmax_connections = 2\n").metrics.maxConnections == 2)
        for value in ["0", "65", "\"8\""] {
            do {
                _ = try parser.parse("[metrics]\nmax_connections = \(value)\n")
                Issue.record("accepted \(value)")
            } catch {
                #expect(
                    error.errors.map(\.description) == [
                        "reclaimd.toml:2:19: metrics.max_connections must be an integer from 1 to 64 (default 8): each connection takes a descriptor the agent keeps for its own work"
                    ])
            }
        }
    }
}
