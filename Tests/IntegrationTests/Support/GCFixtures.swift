import JournalFormat
import Foundation

/// Images of known sizes and `reclaimd gc` runs, for the garbage-collection tests, on any engine.
struct GCEngine {
    /// The engine's CLI: `docker -H …` or `podman --remote --url …`.
    let cli: String
    let host: String
    let directory: String
    /// What the engine puts before a short name: Podman names local images `localhost/NAME`.
    var prefix = ""

    /// Options for `run` and `create` (Podman here may not raise RLIMIT_NOFILE: `--ulimit host`).
    var runOptions = ""

    /// `run` or `create` with the engine's options.
    @discardableResult
    func container(_ verb: String, _ arguments: String) throws -> String {
        try run("\(verb) \(runOptions) \(arguments)")
    }

    /// A short name as the engine lists it.
    func ref(_ name: String) -> String { prefix + name }

    @discardableResult
    func run(_ arguments: String) throws -> String {
        try Shell.succeed("\(cli) \(arguments)")
    }

    /// An image FROM `base` with one file of `megabytes` MB (10^6 bytes) of random data (so no two share a layer),
    /// and `labels`.
    func buildImage(
        _ name: String, megabytes: Int, base: String = "bb:latest", labels: [String: String] = [:]
    ) throws {
        let context = directory + "/ctx-" + name.replacingOccurrences(of: ":", with: "-")
        try Shell.succeed("mkdir -p '\(context)' && head -c \(megabytes * 1_000_000) /dev/urandom > '\(context)/data'")
        let labelLines = labels.sorted { $0.key < $1.key }.map { "LABEL \($0.key)=\($0.value)\n" }.joined()
        try "FROM \(base)\n\(labelLines)COPY data /data\n".write(
            toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        try run("build -q -t '\(name)' '\(context)' >/dev/null 2>&1")
    }

    /// The tags the engine lists.
    func tags() throws -> Set<String> {
        Set(
            try run("images --format '{{.Repository}}:{{.Tag}}'").split(separator: "\n").map { line in
                line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : String(line)
            })
    }

    /// Writes a configuration and returns its path.
    func config(_ name: String, _ text: String) throws -> String {
        let path = directory + "/\(name).toml"
        try "[state]\ndir = \"\(directory)/state-gc\"\n\n\(text)".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `reclaimd gc --json` with these arguments: the status and each JSON line decoded.
    func gc(
        _ config: String, _ arguments: String = ""
    ) throws -> (status: Int32, lines: [[String: Any]], stderr: String) {
        let result = try Shell.run(
            "'\(ReclaimdBinary.path)' gc --config '\(config)' --host '\(host)' --json --log-target stderr \(arguments)")
        let lines = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        return (result.status, lines, result.stderr)
    }
}

extension [[String: Any]] {
    /// The removal lines (those with an id), in order.
    var removals: [[String: Any]] { filter { $0["id"] != nil } }
    /// The first reference of each removal.
    var removedNames: [String] {
        removals.map { line in
            let name = ((line["references"] as? [String])?.first) ?? (line["id"] as? String ?? "")
            return name.hasPrefix("localhost/") ? String(name.dropFirst(10)) : name
        }
    }
    /// The summary line of a policy.
    func summary(_ policy: String) -> [String: Any]? {
        first { $0["policy"] as? String == policy && $0["id"] == nil }
    }
}

extension [String: Any] {
    func number(_ key: String) -> UInt64 { (self[key] as? NSNumber)?.uint64Value ?? .max }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
