import Foundation
import Testing

extension Integration {
    /// The shipped Prometheus alert rules (packaging/monitoring), checked and unit-tested with the real promtool
    /// (Debian's `prometheus`, which scripts/setup-host installs): each alert fires on what should fire it, only there.
    @Suite("monitoring", .timeLimit(.minutes(1)))
    struct MonitoringTests {
        private var monitoring: String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("packaging/monitoring").path
        }

        @Test("promtool check rules passes on the alert rules, with the four alerts")
        func checkRules() throws {
            let result = try Shell.run("promtool check rules '\(monitoring)/reclaimd-alerts.yml'")
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("SUCCESS: 4 rules found"), "\(result.stdout)")
        }

        @Test("promtool test rules passes the repository's cases")
        func testRules() throws {
            let result = try Shell.run("cd '\(monitoring)' && promtool test rules reclaimd-alerts.test.yml")
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("SUCCESS"), "\(result.stdout)")
        }
    }
}
