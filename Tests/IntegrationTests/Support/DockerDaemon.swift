import JournalFormat
import DockerAPI
import EngineAdapter
import Foundation

/// A private, real dockerd for one test: its own data root, exec root and socket, vfs storage, no iptables.
///
/// CI installs Debian's docker.io. A test that cannot start it fails: it never skips.
final class DockerDaemon: @unchecked Sendable {
    let directory: String
    let dataRoot: String
    var socketPath: String { directory + "/docker.sock" }
    var host: String { "unix://" + socketPath }
    var endpoint: EngineEndpoint { .unix(path: socketPath) }
    var client: EngineClient { EngineClient(endpoint: endpoint) }
    private var process: ChildProcess?

    /// Starts a daemon and waits for `/_ping`. `dataRoot` may be given (e.g. on a loop-mounted filesystem).
    init(dataRoot: String? = nil) async throws {
        directory = try makeScratchDirectory("rd")
        self.dataRoot = dataRoot ?? directory + "/root"
        try await start()
    }

    /// Starts the daemon (again) on the same directories.
    func start() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/dockerd") else {
            throw TestFailure(
                "dockerd is not installed: the integration tests need Debian's docker.io (scripts/test installs it)")
        }
        let process = try ChildProcess(
            "/usr/sbin/dockerd",
            [
                "--data-root", dataRoot, "--exec-root", directory + "/exec", "--pidfile", directory + "/docker.pid",
                "-H", host, "--storage-driver", "vfs", "--iptables=false", "--bridge=none",
            ], stdout: directory + "/dockerd.log", stderr: directory + "/dockerd.log")
        self.process = process
        try await process.waitServing(
            "dockerd at \(host) to answer /_ping", timeout: .seconds(60), logTail: logTail,
            kill: { await self.stop(signal: SIGKILL) }
        ) {
            (try? await self.client.ping()) != nil
        }
    }

    /// Stops the daemon with a signal and waits for it and its containerd to exit.
    func stop(signal: Int32 = SIGTERM) async {
        guard let process, process.isRunning else { return }
        await process.stop(signal, grace: .seconds(30))
        // After SIGKILL the managed containerd outlives dockerd; end it so the next start is clean.
        if let pid = try? String(contentsOfFile: directory + "/exec/containerd/containerd.pid", encoding: .utf8),
            let containerd = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)), signal == SIGKILL
        {
            kill(containerd, SIGKILL)
            try? await waitUntil(timeout: .seconds(10), "containerd to exit") { kill(containerd, 0) != 0 }
        }
        self.process = nil
    }

    /// Stops the daemon and removes everything it wrote.
    func destroy() async {
        await stop()
        removeScratchDirectory(directory)
        if !dataRoot.hasPrefix(directory) { _ = try? Shell.run("rm -rf '\(dataRoot)'/*") }
    }

    /// The docker CLI pointed at this daemon.
    @discardableResult
    func docker(_ arguments: String) throws -> String {
        try Shell.succeed("docker -H '\(host)' \(arguments)")
    }

    /// A minimal image built from Debian's busybox-static, imported without a registry.
    func importBusyboxImage(_ name: String) throws {
        let rootfs = directory + "/rootfs-" + name.replacingOccurrences(of: ":", with: "-")
        try Shell.succeed(
            "mkdir -p '\(rootfs)/bin' && cp /bin/busybox '\(rootfs)/bin/busybox' && ln -sf busybox '\(rootfs)/bin/sh'")
        try Shell.succeed(
            "tar -C '\(rootfs)' -c . | docker -H '\(host)' import -c 'CMD [\"/bin/sh\"]' - '\(name)' >/dev/null")
    }

    func logTail() -> String {
        let text = (try? String(contentsOfFile: directory + "/dockerd.log", encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }
}

/// Runs `body` with a fresh private daemon and always stops and removes it afterwards, also on failure.
func withDockerDaemon<Result>(
    dataRoot: String? = nil, _ body: (DockerDaemon) async throws -> Result
) async throws -> Result {
    let daemon = try await DockerDaemon(dataRoot: dataRoot)
    do {
        let result = try await body(daemon)
        await daemon.destroy()
        return result
    } catch {
        await daemon.destroy()
        throw error
    }
}
