import JournalFormat
import Foundation
import Testing

extension Integration {
    /// What packaging/ holds, checked with the real systemd tools and the built binary.
    @Suite("packaging", .timeLimit(.minutes(2)))
    struct PackagingTests {
        private func packaging(_ name: String) -> String {
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("packaging/\(name)").path
        }

        @Test("the unit passes systemd-analyze verify, and its exposure is 2.0 or lower")
        func unit() throws {
            let directory = try makeScratchDirectory("rdp")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            // verify wants ExecStart's binary to exist: point the copy at the one just built.
            let unit = try String(contentsOfFile: packaging("reclaimd.service"), encoding: .utf8)
                .replacingOccurrences(of: "/usr/bin/reclaimd", with: ReclaimdBinary.path)
            try unit.write(toFile: "\(directory)/reclaimd.service", atomically: true, encoding: .utf8)
            let verify = try Shell.run("systemd-analyze verify --man=no '\(directory)/reclaimd.service'")
            #expect(verify.status == 0, "\(verify.stderr)")
            #expect(verify.stderr.isEmpty, "no warnings: \(verify.stderr)")
            let security = try Shell.succeed(
                "systemd-analyze security --offline=true '\(packaging("reclaimd.service"))' 2>&1 | tail -1")
            let score = security.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
            #expect(score != nil && score ?? 10 <= 2.0, "\(security)")
        }

        @Test("the default configuration is valid and holds the trim rule")
        func defaultConfiguration() throws {
            let directory = try makeScratchDirectory("rdp")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            // The hook is not installed here: check a copy pointing at the repository's.
            let config = try String(contentsOfFile: packaging("reclaimd.toml"), encoding: .utf8)
                .replacingOccurrences(of: "/usr/libexec/reclaimd/hooks/fstrim", with: ShippedHooks.path("fstrim"))
            try config.write(toFile: "\(directory)/reclaimd.toml", atomically: true, encoding: .utf8)
            let check = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(directory)/reclaimd.toml'")
            #expect(check.status == 0, "\(check.stderr)")
            #expect(
                check.stdout.contains(
                    "name = \"trim\"\nresources = [\"container\", \"image\", \"volume\", \"builder\"]"))
            #expect(check.stdout.contains("valid, 1 rule"))
        }
    }
}
