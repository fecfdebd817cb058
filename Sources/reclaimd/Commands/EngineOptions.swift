import ArgumentParser
import EngineAPI

import Glibc

/// Options that say which engine to talk to.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The engine's API: unix:///path or tcp://host:port.",
        discussion: "Default: $DOCKER_HOST, else unix:///var/run/docker.sock, else unix:///run/podman/podman.sock.",
        valueName: "url"))
    var host: String?

    init() {}

    /// Options with a host chosen by the caller (the `run` command's --host or [engine] host).
    init(host: String?) {
        self.host = host
    }

    /// Where to look: `--host`, else `DOCKER_HOST`, else Docker's and then Podman's default socket.
    func candidates() throws -> [EngineEndpoint] {
        do {
            return try EngineEndpoint.candidates(explicit: host, environment: ProcessEnvironment.current)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The endpoint to use now: the first candidate present. When several were possible and none is there, the
    /// error names them all.
    func endpoint() throws -> EngineEndpoint {
        let all = try candidates()
        if let present = EngineEndpoint.firstPresent(all) { return present }
        guard all.count > 1 else { return all.first ?? .defaultSocket }
        throw EngineError(.unreachable, "no engine found: tried \(EngineEndpoint.describe(all)), and no such socket exists (is Docker or Podman running? --host or DOCKER_HOST name another)")
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
