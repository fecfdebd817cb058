import ArgumentParser
import EngineAdapter
import EngineRegistry
import Logging

import Glibc

/// Options that say which engine to talk to.
struct EngineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The engine: unix:///path or tcp://host:port (Docker's API, also Podman's), or containerd:///path (containerd's socket).",
            discussion:
                "Default: $DOCKER_HOST, else unix:///var/run/docker.sock, else unix:///run/podman/podman.sock, else containerd:///run/containerd/containerd.sock.",
            valueName: "url"))
    var host: String?

    init() {}

    /// Options with a host chosen by the caller (the `run` command's --host or [engine] host).
    init(host: String?) {
        self.host = host
    }

    /// Where to look: `--host`, else `DOCKER_HOST`, else Docker's, Podman's and containerd's default sockets.
    func candidates() throws -> [String] {
        do {
            return try EngineRegistry.candidates(explicit: host, environment: ProcessEnvironment.current)
        } catch let error as EngineError {
            throw ValidationError(error.message)
        }
    }

    /// The engine to use now: the first candidate present. When several were possible and none is there, the
    /// error names them all.
    func chosenHost() throws -> String {
        let all = try candidates()
        // One candidate (named by --host or the environment) is used as it is: its adapter says what is missing.
        if let host = EngineRegistry.firstPresent(all) ?? (all.count == 1 ? all.first : nil) {
            return host
        }
        throw EngineError(
            .unreachable,
            "no engine found: tried \(EngineRegistry.describe(all)), and no such socket exists (is Docker, Podman or containerd running? --host or DOCKER_HOST name another)"
        )
    }
}

/// The process environment as a dictionary, read without Foundation.
enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
