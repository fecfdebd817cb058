import Foundation
import Testing

extension Integration {
    /// Issue 22: `check` and `run` refuse a rule that can never match what the real sources emit (the registry's
    /// vocabulary: Docker's, Podman's, containerd's and the filesystem source's), and print the defaults they fill in.
    @Suite("rules that cannot misfire")
    struct RuleReachCommandTests {
        @Test("check and run: a filesystem rule with engine actions is refused at its actions, exit 78; defaults shown")
        func neverMatchingRuleRefused() throws {
            let directory = try makeScratchDirectory("rdr")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let config = "\(directory)/never.toml"
            try """
            [[rule]]
            name = "disk"
            resources = ["filesystem"]
            actions = ["prune", "remove"]
            hook = ["/bin/true"]
            """.write(toFile: config, atomically: true, encoding: .utf8)
            for command in ["check", "run --log-target stderr"] {
                let result = try Shell.run("'\(ReclaimdBinary.path)' \(command) --config '\(config)'")
                #expect(result.status == 78, "\(command): \(result.stderr)")
                let line = result.stderr.split(separator: "\n").map(String.init).first { $0.hasPrefix(config) }
                #expect(
                    line?.hasPrefix(
                        "\(config):4:11: rule \"disk\" can never match: no source reports \"prune\", \"remove\" for \"filesystem\"; use actions = [\"freed\"] (the default) for \"filesystem\", or resources = ["
                    ) == true,
                    "\(command): \(result.stderr)")
            }
            let fixed = "\(directory)/fixed.toml"
            try """
            [[rule]]
            name = "disk"
            resources = ["filesystem"]
            hook = ["/bin/true"]
            """.write(toFile: fixed, atomically: true, encoding: .utf8)
            let checked = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(fixed)'")
            #expect(checked.status == 0, "\(checked.stderr)")
            #expect(checked.stdout.contains("actions = [\"freed\"]"), "\(checked.stdout)")
        }
    }
}
