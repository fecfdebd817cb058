import JournalFormat
import Foundation
import Testing

extension Integration {
    /// `keep_latest` and `only` (globs and labels) against a real dockerd: what `gc` removes, what it leaves as
    /// outside the policy, and the trigger its summaries name. The agent's own triggers (start, event) are checked
    /// in `GCChainTests`.
    @Suite("garbage-collection scope", .timeLimit(.minutes(4)))
    struct GCScopeTests {
        static let label = "com.example.gc"

        @Test(
            "keep_latest keeps each repository's newest; only removes its globs' and labels' images and counts the rest"
        )
        func images() async throws {
            try await withDockerDaemon { daemon in
                try daemon.importBusyboxImage("bb:latest")
                let engine = GCEngine(cli: "docker -H '\(daemon.host)'", host: daemon.host, directory: daemon.directory)
                // Created a second apart, oldest first: app:1 < app:2 < app:3 < lab:1 < pinned:1.
                for name in ["app:1", "app:2", "app:3"] {
                    try engine.buildImage(name, megabytes: 1)
                    try await Task.sleep(for: .milliseconds(1100))
                }
                try engine.buildImage("lab:1", megabytes: 1, labels: [Self.label: "true"])
                try await Task.sleep(for: .milliseconds(1100))
                try engine.buildImage("pinned:1", megabytes: 1)
                try await Task.sleep(for: .milliseconds(1100))
                let common = "max_unused = \"1s\"\nmin_age = \"0s\"\nkeep = [\"bb:*\"]\n"
                let latest = try engine.config(
                    "latest", "[[policy]]\nname = \"latest\"\nkeep_latest = 2\n" + common)
                let scoped = try engine.config(
                    "scoped",
                    "[[policy]]\nname = \"scoped\"\nonly = [\"app:1\", \"label:\(Self.label)=true\"]\n" + common)

                // Dry runs first: the same choice, nothing removed.
                let latestPlan = try engine.gc(latest, "--dry-run")
                #expect(latestPlan.status == 0, "\(latestPlan.stderr)")
                #expect(
                    latestPlan.lines.removedNames == ["app:1"],
                    "app:2 and app:3 are app's newest two; lab, pinned and bb are each their repository's newest")
                #expect(latestPlan.lines.summary("latest")?["trigger"] as? String == "manual")
                #expect(latestPlan.lines.summary("latest")?["outside_policy"] == nil, "no only, no count")
                let scopedPlan = try engine.gc(scoped, "--dry-run")
                #expect(
                    scopedPlan.lines.removedNames == ["app:1", "lab:1"], "the glob's and the label's, oldest first")
                let summary = scopedPlan.lines.summary("scoped")
                #expect(
                    summary?["outside_policy"] as? Int == 4,
                    "bb, app:2, app:3, pinned:1: \(String(describing: summary))")
                #expect(summary?["trigger"] as? String == "manual")
                #expect(try engine.tags().count == 6, "the dry runs removed nothing")

                // The real runs remove exactly what their dry runs said.
                let latestRun = try engine.gc(latest)
                #expect(latestRun.status == 0 && latestRun.lines.removedNames == ["app:1"], "\(latestRun.stderr)")
                let scopedRun = try engine.gc(scoped)
                #expect(scopedRun.status == 0 && scopedRun.lines.removedNames == ["lab:1"], "\(scopedRun.stderr)")
                #expect(try engine.tags() == ["bb:latest", "app:2", "app:3", "pinned:1"])
            }
        }

        @Test("only on containers: an exited container goes when its label matches; the other is outside the policy")
        func containers() async throws {
            try await withDockerDaemon { daemon in
                try daemon.importBusyboxImage("bb:latest")
                let engine = GCEngine(cli: "docker -H '\(daemon.host)'", host: daemon.host, directory: daemon.directory)
                try engine.container("run", "--name stays bb:latest sh -c 'exit 0'")
                try engine.container("run", "--name goes --label \(Self.label)=true bb:latest sh -c 'exit 0'")
                try await Task.sleep(for: .milliseconds(1500))
                let config = try engine.config(
                    "containers",
                    "[[policy]]\nname = \"exited\"\nresources = [\"container\"]\nmax_unused = \"1s\"\nonly = [\"label:\(Self.label)=true\"]\n"
                )
                let run = try engine.gc(config)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.lines.removedNames == ["goes"])
                #expect(run.lines.summary("exited")?["outside_policy"] as? Int == 1)
                let left = try engine.run("ps -a --format '{{.Names}}'")
                #expect(left.split(separator: "\n") == ["stays"])
            }
        }
    }
}
