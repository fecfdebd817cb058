import ContainerdAPI
import Foundation

/// A private, real containerd for one test: standalone (not dockerd's), with its own config, root, state and
/// socket under a scratch directory `/tmp/rdk-*`, its pid in `containerd.pid` (for scripts/lib.sh's clean-up).
///
/// CI installs Debian's containerd (scripts/setup-host). A test that cannot start it fails: it never skips.
final class ContainerdDaemon: @unchecked Sendable {
    let directory: String
    var root: String { directory + "/root" }
    var socketPath: String { directory + "/c.sock" }
    private var process: ChildProcess?

    init() async throws {
        directory = try makeScratchDirectory("rdk")
        try """
        version = 2
        root = "\(directory)/root"
        state = "\(directory)/state"
        [grpc]
          address = "\(directory)/c.sock"
        [plugins."io.containerd.grpc.v1.cri"]
          disable_cgroup = true

        """.write(toFile: directory + "/config.toml", atomically: true, encoding: .utf8)
        try await start()
    }

    /// Starts containerd and waits until `ctr version` answers on its socket.
    func start() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/containerd") else {
            throw TestFailure(
                "containerd is not installed: the integration tests need Debian's containerd (scripts/setup-host installs it)"
            )
        }
        let process = try ChildProcess(
            "/usr/bin/containerd", ["-c", directory + "/config.toml"],
            stdout: directory + "/containerd.log", stderr: directory + "/containerd.log")
        self.process = process
        try "\(process.pid)\n".write(toFile: directory + "/containerd.pid", atomically: true, encoding: .utf8)
        try await process.waitServing(
            "containerd at \(socketPath) to answer `ctr version`", timeout: .seconds(30),
            logTail: logTail,
            kill: { await self.stop(signal: SIGKILL) }
        ) {
            (try? Shell.run("ctr -a '\(self.socketPath)' version").status) == 0
        }
    }

    /// Stops containerd with a signal and waits for it to exit.
    func stop(signal: Int32 = SIGTERM) async {
        await process?.stop(signal, grace: .seconds(20))
        process = nil
    }

    /// Stops containerd and removes everything it wrote (snapshotters may leave mounts under the root).
    func destroy() async {
        await stop()
        removeScratchDirectory(directory)
    }

    /// `ctr` pointed at this containerd, in namespace `namespace`.
    @discardableResult
    func ctr(_ namespace: String, _ arguments: String) throws -> String {
        try Shell.succeed("ctr -a '\(socketPath)' -n '\(namespace)' \(arguments)")
    }

    /// Imports a `docker save` tarball into `namespace`.
    func importImage(_ tarball: String, namespace: String) throws {
        try ctr(namespace, "images import '\(tarball)' >/dev/null")
    }

    func logTail() -> String {
        let text = (try? String(contentsOfFile: directory + "/containerd.log", encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }
}

/// Runs `body` with a private dockerd (whose busybox image `bb:latest` is saved to a tarball for `ctr images
/// import`) and a fresh private containerd; always stops and removes both afterwards, also on failure.
func withContainerdDaemon<Result>(
    _ body: (ContainerdDaemon, _ busyboxTarball: String, DockerDaemon) async throws -> Result
) async throws -> Result {
    try await withDockerDaemon { docker in
        try docker.importBusyboxImage("bb:latest")
        let tarball = docker.directory + "/bb.tar"
        try docker.docker("save bb:latest -o '\(tarball)'")
        let containerd = try await ContainerdDaemon()
        do {
            let result = try await body(containerd, tarball, docker)
            await containerd.destroy()
            return result
        } catch {
            await containerd.destroy()
            throw error
        }
    }
}
