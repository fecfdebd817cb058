import PathTrust
import Rules

/// The configuration file and every hook program must be paths only root (or, not as root, the running user)
/// controls: `PathTrust` on each, as configuration errors (exit 78 from `check` and `run`; a reload that finds
/// one keeps the running configuration and journals it).
enum ConfigurationTrust {
    /// The configuration file's problem, as an error at its first line.
    static func fileProblem(_ file: String) -> ConfigurationError? {
        PathTrust.problem(with: file, role: "configuration").map {
            ConfigurationError(file: file, line: 1, column: 1, message: $0.description)
        }
    }

    /// A hook program's problem, or nil. Asked after `HookValidator` found the file itself usable.
    static func hookProblem(_ program: String) -> String? {
        PathTrust.problem(with: program, role: "hook").map(\.description)
    }
}
