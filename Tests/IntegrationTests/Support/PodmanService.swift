import JournalFormat
import DockerAPI
import EngineAdapter
import Foundation

/// A real rootful `podman system service` (Debian's Podman 4.3) with private storage (vfs), run dir, tmpdir and
/// socket under its own directory, and the remote CLI pointed at it, so every operation happens in the service
/// and shows in its event stream.
final class PodmanService: @unchecked Sendable {
    let directory: String
    var socketPath: String { directory + "/podman.sock" }
    var host: String { "unix://" + socketPath }
    var client: EngineClient { EngineClient(endpoint: .unix(path: socketPath)) }
    private var process: ChildProcess?

    init() async throws {
        directory = try makeScratchDirectory("rdp")
        try await start()
    }

    /// Starts the service (again) on the same storage.
    func start() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/podman") else {
            throw TestFailure(
                "podman is not installed: the integration tests need Debian's podman (scripts/setup-host installs it)")
        }
        try? FileManager.default.removeItem(atPath: socketPath)
        let process = try ChildProcess(
            "/usr/bin/podman",
            Self.storageFlags(directory) + [
                "--events-backend", "file", "system", "service", "--time=0", host,
            ], stdout: directory + "/podman.log", stderr: directory + "/podman.log")
        try "\(process.pid)".write(toFile: directory + "/podman.pid", atomically: true, encoding: .utf8)
        self.process = process
        try await process.waitServing(
            "podman at \(host) to answer /_ping", timeout: .seconds(60), logTail: logTail,
            kill: { await self.stop(signal: SIGKILL) }
        ) {
            (try? await self.client.ping()) != nil
        }
    }

    func stop(signal: Int32 = SIGTERM) async {
        await process?.stop(signal, grace: .seconds(30))
        process = nil
    }

    func destroy() async {
        await stop()
        removeScratchDirectory(directory)
    }

    /// The remote podman CLI against this service.
    @discardableResult
    func podman(_ arguments: String) throws -> String {
        try Shell.succeed("podman --remote --url '\(host)' \(arguments)")
    }

    /// A minimal image from Debian's busybox-static, imported through the service.
    func importBusyboxImage(_ name: String) throws {
        let rootfs = directory + "/rootfs"
        try Shell.succeed(
            "mkdir -p '\(rootfs)/bin' && cp /bin/busybox '\(rootfs)/bin/busybox' && ln -sf busybox '\(rootfs)/bin/sh' && tar -C '\(rootfs)' -cf '\(directory)/rootfs.tar' ."
        )
        try podman("import '\(directory)/rootfs.tar' '\(name)' >/dev/null")
    }

    func logTail() -> String {
        String(((try? String(contentsOfFile: directory + "/podman.log", encoding: .utf8)) ?? "").suffix(2000))
    }

    private static func storageFlags(_ directory: String) -> [String] {
        [
            "--root", directory + "/root", "--runroot", directory + "/run", "--tmpdir", directory + "/tmp",
            "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs",
        ]
    }
}

/// Runs `body` with a fresh private Podman service, always stopped and removed afterwards.
func withPodmanService<Result>(_ body: (PodmanService) async throws -> Result) async throws -> Result {
    let service = try await PodmanService()
    do {
        let result = try await body(service)
        await service.destroy()
        return result
    } catch {
        await service.destroy()
        throw error
    }
}
