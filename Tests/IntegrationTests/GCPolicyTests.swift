import JournalFormat
import Formats
import Time
import Foundation
import Testing

extension Integration {
    /// Garbage-collection policies against real engines: images of known sizes used at known times, `reclaimd gc`
    /// planning and removing them, and what it must never touch.
    @Suite("garbage-collection policies", .timeLimit(.minutes(6)))
    struct GCPolicyTests {
        static let megabyte: UInt64 = 1_000_000
        /// `min_age` and `max_unused` of the scenario: what was made before the pause is older, what after younger.
        static let age = 20

        @Test(
            "Docker: exact LRU order to the target, dry run = real run, protections, max_unused, exited containers, build cache"
        )
        func docker() async throws {
            try await withDockerDaemon { daemon in
                try daemon.importBusyboxImage("bb:latest")
                let engine = GCEngine(cli: "docker -H '\(daemon.host)'", host: daemon.host, directory: daemon.directory)
                try await Self.scenario(engine)
                // The build cache through the engine's own prune (keep-storage and until): Docker emits a builder prune.
                let since = Time.Timestamp.now()
                let config = try engine.config(
                    "cache",
                    "[[policy]]\nname = \"cache\"\nresources = [\"builder\"]\nmax_total_size = \"1GB\"\nmax_unused = \"1h\"\n"
                )
                let cache = try engine.gc(config)
                #expect(cache.status == 0, "\(cache.stderr)")
                #expect(cache.lines.summary("cache")?["resource"] as? String == "builder")
                let prunes = try await daemon.backlogPruneEvents(since: since)
                #expect(
                    prunes.filter { $0.resource == "builder" }.count == 1,
                    "one prune (max_unused; under the size limit): \(prunes)")
            }
        }

        @Test(
            "check: a policy's errors at FILE:LINE:COLUMN with exit 78; a valid one printed with its defaults; gc refuses an unknown --policy"
        )
        func check() throws {
            let directory = try makeScratchDirectory("rdgc")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let bad = directory + "/bad.toml"
            try "[[policy]]\nname = \"images\"\nmax_total_size = \"150%\"\n".write(
                toFile: bad, atomically: true, encoding: .utf8)
            let refused = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(bad)'")
            #expect(refused.status == 78)
            #expect(refused.stderr == "\(bad):3:18: max_total_size \"150%\" is not a percentage from 1% to 100%\n")
            let good = directory + "/good.toml"
            try "[[policy]]\nname = \"images\"\nmax_total_size = \"80%\"\n".write(
                toFile: good, atomically: true, encoding: .utf8)
            let accepted = try Shell.run("'\(ReclaimdBinary.path)' check --config '\(good)'")
            #expect(accepted.status == 0, "\(accepted.stderr)")
            for line in [
                "[[policy]]", "max_total_size = \"80%\"", "target_size = \"80%\"", "min_age = \"1h\"",
                "interval = \"5m\"", "max_removals_per_run = 100",
            ] {
                #expect(
                    accepted.stdout.contains(line + "\n") || accepted.stdout.contains(line + "  #"),
                    "\(line) in \(accepted.stdout)")
            }
            let unknown = try Shell.run(
                "'\(ReclaimdBinary.path)' gc --config '\(good)' --policy other --host unix:///nonexistent.sock")
            #expect(unknown.status == 64, "\(unknown.stderr)")
        }

        @Test(
            "a removal the engine refuses is reported (removed false, the engine's message, a journal warning) and the evaluation goes on"
        )
        func refusedRemoval() async throws {
            try await withDockerDaemon { daemon in
                try daemon.importBusyboxImage("bb:latest")
                let proxy = try SocketProxy(
                    target: daemon.socketPath, directory: daemon.directory, refusedDelete: "refused")
                defer { proxy.stop() }
                // The CLI talks to the engine; reclaimd through the proxy that refuses one removal.
                let engine = GCEngine(
                    cli: "docker -H '\(daemon.host)'", host: "unix://" + proxy.socketPath, directory: daemon.directory)
                for name in ["first:1", "refused:1", "last:1"] {
                    try engine.buildImage(name, megabytes: 1)
                    try await Task.sleep(for: .milliseconds(1100))
                }
                let config = try engine.config(
                    "all", "[[policy]]\nname = \"all\"\nmax_total_size = \"1\"\nmin_age = \"0s\"\nkeep = [\"bb:*\"]\n")
                let run = try engine.gc(config)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.lines.removedNames == ["first:1", "refused:1", "last:1"], "\(run.lines)")
                #expect(run.lines.removals.map { $0["removed"] as? Bool } == [true, false, true])
                #expect((run.lines.removals[safe: 1]?["error"] as? String)?.contains("injected refusal") == true)
                #expect(
                    run.lines.summary("all")?.number("failed") == 1 && run.lines.summary("all")?.number("removed") == 2)
                let warning = run.stderr.split(separator: "\n").first {
                    $0.contains("MESSAGE_ID=1a36de535e59445c98ad196c7fabf4e3") && $0.contains("RECLAIMD_REMOVED=false")
                }
                #expect(warning?.contains(" warning ") == true, "a warning entry: \(run.stderr)")
                #expect(try engine.tags() == ["bb:latest", "refused:1"])
            }
        }

        @Test("Podman: the same scenario through its Docker-compatible API")
        func podman() async throws {
            try await withPodmanService { podman in
                try podman.importBusyboxImage("bb:latest")
                let engine = GCEngine(
                    cli: "podman --remote --url '\(podman.host)'", host: podman.host, directory: podman.directory,
                    prefix: "localhost/", runOptions: "--ulimit nofile=1024:1024 --ulimit nproc=4096:4096")
                try await Self.scenario(engine)
                // Podman 4.3 has no build-cache prune (404): the builder policy prunes nothing and says so.
                let cache = try engine.gc(
                    try engine.config(
                        "cache", "[[policy]]\nname = \"cache\"\nresources = [\"builder\"]\nmax_unused = \"1h\"\n"))
                #expect(cache.status == 0, "\(cache.stderr)")
                #expect(
                    cache.lines.summary("cache")?.number("removed") == 0
                        && cache.lines.summary("cache")?.number("freed") == 0)
            }
        }

        /// The whole image and container scenario on one engine whose CLI builds and runs (Docker, Podman).
        static func scenario(_ engine: GCEngine) async throws {
            for (name, size) in [
                ("app5:1", 5), ("app10:1", 10), ("app15:1", 15), ("app20:1", 20), ("used10:1", 10),
                ("keep20:stable", 20),
            ] {
                try engine.buildImage(name, megabytes: size)
                try await Task.sleep(for: .milliseconds(1100))  // creation times a second apart: no ties
            }
            // Used at known times: app5, then app10. Least recently used: app15, app20 (never used), app5, app10.
            try engine.container("run", "--rm app5:1 sh -c :")
            try await Task.sleep(for: .milliseconds(200))
            try engine.container("run", "--rm app10:1 sh -c :")
            // Never started: a strong reference all the same.
            try engine.container("create", "--name holder used10:1 sh -c :")
            try engine.container("run", "--name old-exited bb:latest sh -c :")
            try engine.container("run", "--name keepme-exited bb:latest sh -c :")
            try await Task.sleep(for: .seconds(age + 1))
            try engine.buildImage("young5:1", megabytes: 5)
            try engine.container("run", "--name fresh-exited bb:latest sh -c :")
            try engine.container("run", "-d --stop-signal KILL --name runner bb:latest /bin/busybox sleep 600")
            // The running container goes in the end whatever happens (Podman's service leaves containers running).
            do {
                try imagePolicy(engine)
                try stalePolicy(engine)
                try containerPolicy(engine)
                try engine.run("rm -f runner >/dev/null")
            } catch {
                _ = try? engine.run("rm -f runner >/dev/null")
                throw error
            }
        }

        /// By size: exactly app15, app20, app5, in that order, in the dry run and the real run, down to the target.
        static func imagePolicy(_ engine: GCEngine) throws {
            let common = "min_age = \"\(age)s\"\nkeep = [\"*:stable\"]\n"
            let probe = try engine.gc(
                try engine.config("probe", "[[policy]]\nname = \"probe\"\nmax_total_size = \"1TB\"\n\(common)"),
                "--dry-run")
            let usage = try #require(probe.lines.summary("probe"), "\(probe.stderr)").number("usage_before")
            #expect(probe.lines.removals.isEmpty)
            try #require(usage > 80 * megabyte && usage < 200 * megabyte, "the images' usage: \(usage)")
            // After app15 and app20 go, usage is still 2 MB above the target; app5 brings it under.
            let target = usage - 37 * megabyte
            let config = try engine.config(
                "images",
                "[[policy]]\nname = \"images\"\nmax_total_size = \"\(usage - megabyte)\"\ntarget_size = \"\(target)\"\n\(common)"
            )
            let tagsBefore = try engine.tags()
            let dry = try engine.gc(config, "--dry-run")
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.lines.removedNames == ["app15:1", "app20:1", "app5:1"], "\(dry.lines)")
            #expect(dry.lines.removals.allSatisfy { $0["reason"] as? String == "size" && $0["removed"] == nil })
            #expect(try engine.tags() == tagsBefore, "a dry run removes nothing")
            let real = try engine.gc(config)
            #expect(real.status == 0, "\(real.stderr)")
            #expect(real.lines.count == 4, "\(real.lines)")
            #expect(
                real.lines.removedNames == dry.lines.removedNames,
                "the real run follows the dry run's order: \(real.lines)")
            #expect(real.lines.removals.allSatisfy { $0["removed"] as? Bool == true })
            let summary = try #require(real.lines.summary("images"))
            let after = summary.number("usage_after")
            #expect(
                after <= target && target - after < 5 * megabyte,
                "at or under the target, not below it by more than the last object: \(summary)")
            let tags = try engine.tags()
            #expect(tags.isDisjoint(with: ["app15:1", "app20:1", "app5:1"]))
            #expect(tags.isSuperset(of: ["bb:latest", "app10:1", "used10:1", "keep20:stable", "young5:1"]), "\(tags)")
        }

        /// max_unused: app10 (used before the pause) goes whatever the size; young5, kept and in-use images stay.
        static func stalePolicy(_ engine: GCEngine) throws {
            let config = try engine.config(
                "stale",
                "[[policy]]\nname = \"stale\"\nmax_unused = \"\(age)s\"\nmin_age = \"\(age)s\"\nkeep = [\"*:stable\"]\n"
            )
            let stale = try engine.gc(config)
            #expect(stale.status == 0, "\(stale.stderr)")
            #expect(stale.lines.removedNames == ["app10:1"], "\(stale.lines)")
            #expect(stale.lines.removals.first?["reason"] as? String == "max_unused")
            #expect(try engine.tags().isSuperset(of: ["bb:latest", "used10:1", "keep20:stable", "young5:1"]))
        }

        /// Exited containers past max_unused: not the kept one, not the fresh one, not the running or created ones.
        static func containerPolicy(_ engine: GCEngine) throws {
            let config = try engine.config(
                "exited",
                "[[policy]]\nname = \"exited\"\nresources = [\"container\"]\nmax_unused = \"\(age)s\"\nkeep = [\"keepme*\"]\n"
            )
            let dry = try engine.gc(config, "--dry-run")
            #expect(dry.lines.removedNames == ["old-exited"], "\(dry.lines) \(dry.stderr)")
            let real = try engine.gc(config)
            #expect(real.status == 0, "\(real.stderr)")
            #expect(real.lines.removedNames == ["old-exited"])
            #expect(real.lines.removals.first?["removed"] as? Bool == true)
            let names = Set(try engine.run("ps -a --format '{{.Names}}'").split(separator: "\n").map(String.init))
            #expect(names == ["holder", "keepme-exited", "fresh-exited", "runner"], "\(names)")
        }
    }
}
