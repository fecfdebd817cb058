import JournalFormat
import Foundation

/// This machine booted by systemd as PID 1 inside a systemd-nspawn container: the host's /usr (read-only, so the
/// installed package is there), a copy of its /etc with every unit disabled but reclaimd.service, and empty /var.
/// These machines have no systemd as PID 1; this is how the tests run the packaged unit under its real sandbox.
final class SystemdContainer: @unchecked Sendable {
    let directory: String
    let root: String
    private let nspawn: ChildProcess
    let initPID: pid_t

    /// Boots the container with `binds` (host path, container path) once `prepare` has written into its root.
    static func with<Result>(
        binds: [(String, String)], prepare: (String) throws -> Void,
        _ body: (SystemdContainer) async throws -> Result
    ) async throws -> Result {
        let directory = try makeScratchDirectory("rd-nspawn")
        let root = directory + "/root"
        do {
            try makeRoot(root)
            try prepare(root)
            let container = try await SystemdContainer(directory: directory, root: root, binds: binds)
            do {
                let result = try await body(container)
                await container.stop()
                _ = try? Shell.run("rm -rf '\(directory)'")
                return result
            } catch {
                await container.stop()
                throw error
            }
        } catch {
            _ = try? Shell.run("rm -rf '\(directory)'")
            throw error
        }
    }

    private static func makeRoot(_ root: String) throws {
        try Shell.succeed(
            """
            set -e
            mkdir -p '\(root)'/usr/lib '\(root)'/var/lib '\(root)'/var/log '\(root)'/dev '\(root)'/proc '\(root)'/sys \
                '\(root)'/run '\(root)'/tmp '\(root)'/root '\(root)'/home '\(root)'/srv '\(root)'/opt '\(root)'/mnt
            for link in bin sbin lib lib64; do ln -s usr/$link '\(root)'/$link; done
            cp /usr/lib/os-release '\(root)'/usr/lib/os-release
            cp -a /etc '\(root)'/etc
            find '\(root)'/etc/systemd/system -path '*.wants/*' ! -path '*/multi-user.target.wants/reclaimd.service' -delete
            systemd-id128 new > '\(root)'/etc/machine-id
            """)
    }

    private init(directory: String, root: String, binds: [(String, String)]) async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-nspawn") else {
            throw TestFailure("no systemd-nspawn: scripts/setup-host installs systemd-container")
        }
        self.directory = directory
        self.root = root
        var arguments = [
            "-q", "-D", root, "--bind-ro=/usr", "--boot", "--machine=reclaimd-test", "--register=no",
            "--keep-unit", "--link-journal=no", "--console=pipe",
        ]
        arguments += binds.map { "--bind=\($0.0):\($0.1)" }
        let process = try ChildProcess(
            "/usr/bin/systemd-nspawn", arguments, stdout: directory + "/nspawn.log",
            stderr: directory + "/nspawn.log", newSession: true)
        nspawn = process
        do {
            initPID = try await Self.waitForBoot(process, log: directory + "/nspawn.log")
        } catch {
            process.signal(SIGKILL)
            _ = try? await process.wait(timeout: .seconds(10))
            throw error
        }
    }

    /// The container's init (systemd-nspawn's child), once its systemd says it has booted.
    private static func waitForBoot(_ process: ChildProcess, log: String) async throws -> pid_t {
        var found: pid_t?
        try await waitUntil(timeout: .seconds(30), "systemd-nspawn to start the container's init") {
            found = (try? Shell.run("pgrep -P \(process.pid)"))
                .flatMap { pid_t($0.stdout.split(separator: "\n").first.map(String.init) ?? "") }
            if found == nil, !process.isRunning {
                throw TestFailure("systemd-nspawn exited: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            return found != nil
        }
        let pid = found ?? 0
        try await waitUntil(timeout: .seconds(60), "the container's systemd to finish booting") {
            let state = try Shell.run("nsenter -t \(pid) -a systemctl is-system-running").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return state == "running" || state == "degraded"
        }
        return pid
    }

    /// Runs `command` with /bin/sh inside the container (all of its namespaces).
    func run(_ command: String) throws -> Shell.Result {
        try Shell.run("nsenter -t \(initPID) -a /bin/sh -c '\(command.replacingOccurrences(of: "'", with: "'\\''"))'")
    }

    /// A unit's properties, as `systemctl show` gives them.
    func properties(_ unit: String, _ names: [String]) throws -> [String: String] {
        let output = try run("systemctl show \(unit) " + names.map { "-p \($0)" }.joined(separator: " ")).stdout
        var properties: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            properties[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return properties
    }

    /// Powers the container off (nspawn turns SIGTERM into an orderly shutdown), killing it after 30 s.
    func stop() async {
        nspawn.signal(SIGTERM)
        if (try? await nspawn.wait(timeout: .seconds(30))) == nil {
            nspawn.signal(SIGKILL)
            _ = try? await nspawn.wait(timeout: .seconds(10))
        }
    }
}
