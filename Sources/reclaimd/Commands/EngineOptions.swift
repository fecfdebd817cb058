import ArgumentParser
import EngineAPI

import Glibc

/// Options that say which engine to talk to.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The engine's API: unix:///path or tcp://host:port.",
        discussion: "Default: $DOCKER_HOST, else unix:///var/run/docker.sock.",
        valueName: "url"))
    var host: String?

    init() {}

    /// Options with a host chosen by the caller (the `run` command's --host or [engine] host).
    init(host: String?) {
        self.host = host
    }

    /// The endpoint chosen by `--host`, `DOCKER_HOST`, or the default.
    func endpoint() throws -> EngineEndpoint {
        do {
            return try EngineEndpoint.resolve(explicit: host, environment: ProcessEnvironment.current)
        } catch {
            throw ValidationError(error.description)
        }
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
