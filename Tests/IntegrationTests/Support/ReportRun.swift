import JournalFormat
import Foundation

/// `reclaimd report` run to completion, its output collected.
enum ReportRun {
    /// Runs `reclaimd report` with `arguments`; the status, stdout and stderr.
    static func run(_ arguments: [String], as user: String? = nil) throws -> Shell.Result {
        let quoted = ([ReclaimdBinary.path, "report"] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let command = user.map { "setpriv --reuid=\($0) --regid=nogroup --clear-groups \(quoted)" } ?? quoted
        return try Shell.run(command)
    }

    /// `report --json` with `arguments`, which must succeed, parsed.
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw TestFailure("report exited \(result.status): \(result.stderr)") }
        guard let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw TestFailure("report --json printed no object: \(result.stdout)")
        }
        return object
    }
}

/// Reading nested values of `report --json` without a cast at every step.
extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    func int(_ key: String) -> Int? { self[key] as? Int }
    func list(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}
