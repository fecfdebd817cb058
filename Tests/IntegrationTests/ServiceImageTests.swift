import Foundation
import Testing

extension Integration {
    /// The service container image (packaging/build-image), loaded and run by real engines as the README's recipes do:
    /// the engine's socket and a configuration file mounted, CAP_SYS_ADMIN for fstrim. After a real prune its rule runs
    /// its hook exactly once, and that hook runs the image's own fstrim hook, which trims for real: the data root inside
    /// the container is always a loop-mounted ext4 this test made, never a filesystem of the machine.
    @Suite("service container image", .timeLimit(.minutes(6)))
    struct ServiceImageTests {
        @Test("docker load takes the archive; under docker run, a prune runs the hook once and fstrim trims")
        func dockerRun() async throws {
            let archive = try ServiceImage.path()
            try await LoopFilesystem.with(megabytes: 400) { filesystem in
                try await withDockerDaemon(dataRoot: filesystem.mountPoint + "/docker") { daemon in
                    let loaded = try daemon.docker("load -i '\(archive)'")
                    #expect(loaded.contains("Loaded image: reclaimd:latest"), "\(loaded)")
                    try daemon.createReclaimableResources(
                        volume: "v1", volumeMegabytes: 20, container: "c1", containerMegabytes: 20)
                    let container = try ServiceContainer(directory: daemon.directory)
                    // The recipe's own mounts: the socket at Docker's path, the data root at its own path.
                    try daemon.docker(
                        "run -d "
                            + container.options(
                                socket: (daemon.socketPath, "/var/run/docker.sock"),
                                dataRoot: (daemon.dataRoot, daemon.dataRoot)) + " reclaimd:latest")
                    try await container.waitUntilConnected { try daemon.docker($0) }
                    try daemon.docker("system prune -f --volumes")
                    let runs = try await container.waitForTheOnlyRun()
                    #expect(runs.count == 1, "exactly one run of the hook: \(runs)")
                    #expect(runs.first?.hasPrefix("docker ") == true, "RECLAIMD_ENGINE: \(runs)")
                    #expect(
                        runs.first?.contains("\(daemon.dataRoot): ") == true
                            && runs.first?.contains(" trimmed") == true,
                        "fstrim's report for the data root: \(runs)")
                    let status = try daemon.docker("exec \(ServiceContainer.name) reclaimd status")
                    #expect(status.contains("engine:      Docker/"), "\(status)")
                    try daemon.docker("rm -f \(ServiceContainer.name)")
                }
            }
        }

        @Test("podman load takes the archive; under podman run, a prune runs the hook once and fstrim trims")
        func podmanRun() async throws {
            let archive = try ServiceImage.path()
            try await LoopFilesystem.with(megabytes: 100) { filesystem in
                try await withPodmanService { podman in
                    let loaded = try podman.podman("load -i '\(archive)'")
                    #expect(loaded.contains("reclaimd:latest"), "\(loaded)")
                    try podman.importBusyboxImage("bb:latest")
                    try podman.podman("volume create v1")
                    try podman.podman("create --name c1 bb:latest true")
                    let container = try ServiceContainer(directory: podman.directory)
                    // The socket at Podman's rootful path, found by reclaimd's default engine search. The graph root's
                    // path inside the container is the test's ext4 (the real one is on the machine's /).
                    let graphRoot = podman.directory + "/root"
                    try podman.podman(
                        "run -d --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 "
                            + container.options(
                                socket: (podman.socketPath, "/run/podman/podman.sock"),
                                dataRoot: (filesystem.mountPoint, graphRoot)) + " reclaimd:latest")
                    try await container.waitUntilConnected { try podman.podman($0) }
                    try podman.podman("system prune -f --volumes")
                    let runs = try await container.waitForTheOnlyRun()
                    #expect(runs.count == 1, "exactly one run of the hook: \(runs)")
                    #expect(runs.first?.hasPrefix("podman ") == true, "RECLAIMD_ENGINE: \(runs)")
                    #expect(
                        runs.first?.contains("\(graphRoot): ") == true && runs.first?.contains(" trimmed") == true,
                        "fstrim's report for the graph root: \(runs)")
                    let status = try podman.podman("exec \(ServiceContainer.name) reclaimd status")
                    #expect(status.contains("engine:      Libpod/"), "\(status)")
                    try podman.podman("rm -f \(ServiceContainer.name)")
                }
            }
        }
    }
}

/// The archive that `packaging/build-image` wrote; scripts/test builds it and passes its path in `RECLAIMD_IMAGE`.
enum ServiceImage {
    /// Fails (never skips) when the image was not built: this test is part of what CI promises.
    static func path() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["RECLAIMD_IMAGE"], !path.isEmpty else {
            throw TestFailure(
                "RECLAIMD_IMAGE is not set: scripts/test builds the image with packaging/build-image and sets it")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw TestFailure("RECLAIMD_IMAGE names \(path), which does not exist")
        }
        return path
    }
}

/// The reclaimd container of one test: its configuration file (the packaged trim rule's selection, quiet 2 s), a
/// hook that runs the image's fstrim hook and records each run in a mounted folder, and the run options.
struct ServiceContainer {
    static let name = "reclaimd-under-test"
    static let quiet = 2
    let config: String
    let hook: String
    let markers: String

    init(directory: String) throws {
        config = directory + "/service-reclaimd.toml"
        hook = directory + "/service-trim-and-record"
        markers = directory + "/service-markers"
        try Shell.succeed("mkdir -p '\(markers)'")
        try """
        #!/bin/sh
        report=$(/usr/libexec/reclaimd/hooks/fstrim) || exit $?
        echo "$RECLAIMD_ENGINE $RECLAIMD_EVENT_COUNT $report" >> /markers/runs

        """.write(toFile: hook, atomically: true, encoding: .utf8)
        try Shell.succeed("chmod 755 '\(hook)'")
        try """
        [[rule]]
        name = "trim"
        resources = ["container", "image", "volume", "builder"]
        quiet = "\(Self.quiet)s"
        hook = ["/etc/reclaimd/hooks.d/trim-and-record"]

        """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// `run` options: detached, no network, CAP_SYS_ADMIN (fstrim's FITRIM), the socket, the configuration, the
    /// hook, the markers folder and the data root, each `(host path, path in the container)`.
    func options(socket: (String, String), dataRoot: (String, String)) -> String {
        [
            "--name \(Self.name) --network none --cap-add SYS_ADMIN",
            "-v '\(socket.0):\(socket.1)'",
            "-v '\(config):/etc/reclaimd/reclaimd.toml:ro'",
            "-v '\(hook):/etc/reclaimd/hooks.d/trim-and-record:ro'",
            "-v '\(markers):/markers'",
            "-v '\(dataRoot.0):\(dataRoot.1):ro'",
        ].joined(separator: " ")
    }

    /// Waits until `reclaimd status` in the container says it follows the engine (`cli` runs an engine command).
    func waitUntilConnected(_ cli: (String) throws -> String) async throws {
        try await waitUntil(timeout: .seconds(60), "the containerized reclaimd to connect to its engine") {
            ((try? cli("exec \(Self.name) reclaimd status")) ?? "").contains("connection:  connected")
        }
    }

    /// The recorded runs, one line each: engine, event count, fstrim's report.
    var runs: [String] {
        ((try? String(contentsOfFile: markers + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").map(
            String.init)
    }

    /// Waits for the first run, then three quiet periods more, in which a second run for the same prune would have
    /// started; returns every run recorded.
    func waitForTheOnlyRun() async throws -> [String] {
        try await waitUntil(timeout: .seconds(60), "the hook's first run (\(markers)/runs)") { !runs.isEmpty }
        try await Task.sleep(for: .seconds(Self.quiet * 3))
        return runs
    }
}
