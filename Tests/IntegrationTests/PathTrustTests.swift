import Foundation
import Testing

/// Issue 23: `check` and `run` refuse a configuration or hook that anyone but root (or, not as root, the running
/// user) could change, naming the path, its owner and mode, and the fix; a reload that finds one keeps the
/// running configuration. Real files, real modes, the real binary; the not-root case through setpriv.
extension Integration {
    @Suite("paths root trusts", .timeLimit(.minutes(5)))
    struct PathTrustTests {
        /// A scratch directory (0700, root's, under the sticky /tmp) with a hook and a configuration naming it.
        private func layout(_ directory: String, hookDirectory: String? = nil) throws -> (config: String, hook: String)
        {
            let place = hookDirectory ?? directory
            let hook = place + "/hook"
            try "#!/bin/sh\ntrue\n".write(toFile: hook, atomically: true, encoding: .utf8)
            try Shell.succeed("chmod 755 '\(hook)'")
            let config = directory + "/reclaimd.toml"
            try "[state]\ndir = \"\(directory)/state\"\n\n[[rule]]\nname = \"trim\"\nhook = [\"\(hook)\"]\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            return (config, hook)
        }

        private func check(_ config: String, as prefix: String = "") throws -> Shell.Result {
            try Shell.run("\(prefix)'\(ReclaimdBinary.path)' check --config '\(config)'")
        }

        /// `run` must refuse before it does anything else: it is given an engine that does not exist.
        private func run(_ config: String) throws -> Shell.Result {
            try Shell.run(
                "'\(ReclaimdBinary.path)' run --config '\(config)' --host unix:///nonexistent/engine.sock --log-target stderr"
            )
        }

        @Test(
            "a configuration writable by group or others: check and run exit 78 naming the file, its mode and chmod go-w"
        )
        func writableConfiguration() throws {
            let directory = try makeScratchDirectory("rdtrust")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let (config, _) = try layout(directory)
            #expect(try check(config).status == 0)
            for mode in ["666", "664"] {
                try Shell.succeed("chmod \(mode) '\(config)'")
                let checked = try check(config)
                #expect(checked.status == 78)
                #expect(
                    checked.stderr.hasPrefix("\(config):1:1: configuration \(config) is not safe: it is writable by"),
                    "\(checked.stderr)")
                #expect(checked.stderr.contains("owner root, mode 0\(mode)"))
                #expect(checked.stderr.contains("fix: chmod \(mode == "666" ? "go" : "g")-w '\(config)'"))
                let ran = try run(config)
                #expect(ran.status == 78, "\(ran.stderr)")
                #expect(ran.stderr.contains("configuration \(config) is not safe"))
            }
            // Owned by someone else (nobody), mode fine: refused with chown root.
            try Shell.succeed("chmod 644 '\(config)' && chown 65534 '\(config)'")
            let foreign = try check(config)
            #expect(foreign.status == 78)
            #expect(
                foreign.stderr.contains("it is owned by nobody (uid 65534)")
                    && foreign.stderr.contains("fix: chown root '\(config)'"), "\(foreign.stderr)")
        }

        @Test(
            "a hook, or the configuration, under a directory others may write (not sticky): refused, naming the directory and the fix"
        )
        func writableDirectory() throws {
            let directory = try makeScratchDirectory("rdtrust")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let open = directory + "/open"
            try Shell.succeed("mkdir '\(open)' && chmod 777 '\(open)'")
            let (config, hook) = try layout(directory, hookDirectory: open)
            let checked = try check(config)
            #expect(checked.status == 78)
            #expect(
                checked.stderr.hasPrefix(
                    "\(config):6:1: rule \"trim\": hook \(hook): the directory \(open) on the way to it is not safe: the directory is writable by group and others (owner root, mode 0777)"
                ), "\(checked.stderr)")
            #expect(checked.stderr.contains("fix: chmod go-w '\(open)'"))
            #expect(try run(config).status == 78)

            // The configuration itself in that directory.
            let inOpen = open + "/reclaimd.toml"
            try Shell.succeed("cp '\(config)' '\(inOpen)' && sed -i 's|\(open)/hook|/bin/true|' '\(inOpen)'")
            let refused = try check(inOpen)
            #expect(refused.status == 78)
            #expect(
                refused.stderr.contains("configuration \(inOpen): the directory \(open) on the way to it is not safe"),
                "\(refused.stderr)")

            // Fixed as the message says: accepted.
            try Shell.succeed("chmod go-w '\(open)'")
            #expect(try check(config).status == 0)
        }

        @Test(
            "a hook reached through a symlink into such a directory is refused; through a symlink to a safe place it is not"
        )
        func symlinkedHook() throws {
            let directory = try makeScratchDirectory("rdtrust")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let open = directory + "/open"
            try Shell.succeed("mkdir '\(open)' && chmod 777 '\(open)'")
            let (_, target) = try layout(directory, hookDirectory: open)
            let link = directory + "/hook-link"
            try Shell.succeed("ln -s '\(target)' '\(link)'")
            let config = directory + "/linked.toml"
            try "[[rule]]\nname = \"trim\"\nhook = [\"\(link)\"]\n".write(
                toFile: config, atomically: true, encoding: .utf8)
            let checked = try check(config)
            #expect(checked.status == 78)
            #expect(
                checked.stderr.contains("hook \(link): the directory \(open) on the way to it is not safe"),
                "\(checked.stderr)")
            #expect(try run(config).status == 78)
            // The same symlink to /bin/true (itself through the /bin -> usr/bin symlink) is fine.
            try Shell.succeed("ln -sfn /bin/true '\(link)'")
            #expect(try check(config).status == 0)
        }

        @Test("a sticky root-owned directory writable by all (like /tmp) and the packaged layout are accepted")
        func accepted() throws {
            let directory = try makeScratchDirectory("rdtrust")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let sticky = directory + "/shared"
            try Shell.succeed("mkdir -m 1777 '\(sticky)' && mkdir -m 0755 '\(sticky)/mine'")
            let (config, _) = try layout(sticky + "/mine")
            #expect(try check(config).status == 0)
            // Without the sticky bit, the same directory is refused.
            try Shell.succeed("chmod -t '\(sticky)'")
            #expect(try check(config).status == 78)

            // The packaged layout, as packaging/build-deb installs it, under a root-owned 0755 directory.
            let root = directory + "/pkg"
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path
            try Shell.succeed(
                """
                install -d -m 0755 '\(root)' && \
                install -D -m 0755 '\(repository)/hooks/fstrim' '\(root)/usr/libexec/reclaimd/hooks/fstrim' && \
                install -D -m 0644 '\(repository)/packaging/reclaimd.toml' '\(root)/etc/reclaimd/reclaimd.toml' && \
                install -d -m 0755 '\(root)/etc/reclaimd/hooks.d' && \
                sed -i 's|/usr/libexec/reclaimd|\(root)/usr/libexec/reclaimd|' '\(root)/etc/reclaimd/reclaimd.toml'
                """)
            let packaged = try check(root + "/etc/reclaimd/reclaimd.toml")
            #expect(packaged.status == 0, "\(packaged.stderr)")
        }

        @Test("not as root: the running user's own files and root's are accepted, another user's are refused")
        func notRoot() throws {
            let directory = try makeScratchDirectory("rdtrust")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            try Shell.succeed("chmod 755 '\(directory)' && chmod 755 '\(ReclaimdBinary.path)'")
            let asNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups "
            // Root's configuration: trusted by nobody too.
            let (config, _) = try layout(directory)
            #expect(try check(config, as: asNobody).status == 0)
            // nobody's own directory and configuration: trusted by nobody.
            let own = directory + "/nobody"
            try Shell.succeed(
                "mkdir -m 0755 '\(own)' && cp '\(config)' '\(own)/reclaimd.toml' && chown -R 65534:65534 '\(own)'")
            #expect(try check(own + "/reclaimd.toml", as: asNobody).status == 0)
            // Another user's (daemon, uid 1) configuration: refused, with chown to the running user.
            try Shell.succeed("chown 1 '\(own)/reclaimd.toml'")
            let foreign = try check(own + "/reclaimd.toml", as: asNobody)
            #expect(foreign.status == 78)
            #expect(
                foreign.stderr.contains("it is owned by daemon (uid 1)")
                    && foreign.stderr.contains(
                        "an agent running as nobody (uid 65534) trusts only its own and root's files; fix: chown nobody '\(own)/reclaimd.toml'"
                    ), "\(foreign.stderr)")
            // As root, nobody's file is refused.
            try Shell.succeed("chown 65534 '\(own)/reclaimd.toml'")
            #expect(try check(own + "/reclaimd.toml").status == 78)
        }

        @Test("a state directory owned by another user: run refuses it, naming owner and fix")
        func foreignStateDirectory() throws {
            let directory = try makeScratchDirectory("rdtrust")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            let (config, _) = try layout(directory)
            try Shell.succeed("mkdir -m 0700 '\(directory)/state' && chown 65534 '\(directory)/state'")
            let ran = try run(config)
            #expect(ran.status == 73, "\(ran.stderr)")
            #expect(
                ran.stderr.contains(
                    "state directory \(directory)/state is not safe: it is owned by nobody (uid 65534)"),
                "\(ran.stderr)")
            #expect(ran.stderr.contains("fix: chown root '\(directory)/state'"))
        }

        @Test(
            "a reload that finds the configuration made writable keeps the old one (journaled), and its rule still runs"
        )
        func reloadKeepsOld() async throws {
            try await Journald.ensureRunning()
            try await withDockerDaemon { daemon in
                let rule = "trust\(UInt32.random(in: 0...UInt32.max))"
                let runs = daemon.directory + "/runs"
                let (config, _) = try AgentConfigFile.volumeRule(
                    in: daemon.directory, rule: rule, hookBody: "echo ran >> '\(runs)'")
                let agent = try ReclaimdProcess(
                    ["run", "--config", config, "--host", daemon.host, "--log-target", "journal"],
                    directory: daemon.directory)
                try await agent.waitUntilConnected()
                try Shell.succeed("chmod 666 '\(config)'")
                agent.child.signal(SIGHUP)
                try await waitUntil(timeout: .seconds(10), "the rejected reload to be journaled") {
                    !(try agent.journalEntries("PRIORITY=3").filter {
                        $0.string("MESSAGE")?.contains(
                            "reload rejected, the previous configuration stays: \(config):1:1: configuration \(config) is not safe"
                        ) == true
                    }).isEmpty
                }
                #expect(agent.isRunning)
                if (try? daemon.docker("image inspect bb:latest")) == nil { try daemon.importBusyboxImage("bb:latest") }
                try daemon.docker("volume create trust1")
                try daemon.docker(
                    "run --rm -v trust1:/data bb:latest sh -c 'dd if=/dev/zero of=/data/f bs=1048576 count=1 2>/dev/null'"
                )
                _ = try await daemon.prune("/volumes/prune")
                try await waitUntil(timeout: .seconds(30), "the old rule's hook to run") {
                    ((try? String(contentsOfFile: runs, encoding: .utf8)) ?? "").contains("ran")
                }
                #expect(try await agent.stop(signal: SIGTERM) == 0, "stderr: \(agent.stderr)")
            }
        }
    }
}
