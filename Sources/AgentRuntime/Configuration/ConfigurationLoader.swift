import AgentCore
import EngineRegistry
import Hooks
import Rules
import SystemIO

/// Reads the configuration file (or takes the built-in rule when there is none) and checks the hooks.
public enum ConfigurationLoader {
    public static let defaultPath = "/etc/reclaimd/reclaimd.toml"

    /// `[state] dir`, else systemd's `$STATE_DIRECTORY` (its first entry), else the packaged default.
    public static func stateDirectory(configured: String?, environment: [String: String]) -> String {
        configured ?? environment["STATE_DIRECTORY"].flatMap { $0.split(separator: ":").first.map(String.init) }
            ?? "/var/lib/reclaimd"
    }

    /// The loaded configuration, and where it came from for messages.
    public struct Loaded: Sendable {
        public var configuration: AgentConfiguration
        /// The file read, or nil for the built-in rule.
        public var file: String?
    }

    /// Loads `path`. A missing file at the default path means the built-in trim rule; a missing file that was
    /// named explicitly is an error. Every problem, including hook files, is returned.
    public static func load(path: String?, checkHooks: Bool = true) -> Result<Loaded, ConfigurationErrors> {
        let file = path ?? defaultPath
        let bytes: [UInt8]
        switch WholeFile.read(file) {
        case .success(let read):
            if let untrusted = ConfigurationTrust.fileProblem(file) {
                return .failure(ConfigurationErrors(errors: [untrusted]))
            }
            bytes = read
        case .failure(let failure) where failure.isMissing && path == nil:
            return finish(Loaded(configuration: .builtIn, file: nil), checkHooks: checkHooks, source: nil)
        case .failure(let failure):
            return .failure(
                ConfigurationErrors(errors: [
                    ConfigurationError(
                        file: file, line: 1, column: 1, message: "cannot read the configuration: \(failure)")
                ]))
        }
        let parser = ConfigurationParser(
            file: file, vocabulary: EngineRegistry.vocabulary, validateHost: EngineRegistry.problem(host:))
        do {
            let configuration = try parser.parse(utf8: bytes)
            // Valid UTF-8 by now: the parser refuses anything else.
            return finish(
                Loaded(configuration: configuration, file: file), checkHooks: checkHooks,
                source: String(decoding: bytes, as: UTF8.self))
        } catch {
            return .failure(error)
        }
    }

    private static func finish(
        _ loaded: Loaded, checkHooks: Bool, source: String?
    ) -> Result<Loaded, ConfigurationErrors> {
        guard checkHooks else { return .success(loaded) }
        var errors: [ConfigurationError] = []
        // A configuration that parsed has its rules in file order, so rule N is the Nth [[rule]].
        for (index, rule) in loaded.configuration.rules.enumerated() {
            guard let program = rule.hook.first,
                let problem = HookValidator.problem(with: program) ?? ConfigurationTrust.hookProblem(program)
            else { continue }
            let position = source.flatMap { ConfigurationParser.position(ofRuleKey: "hook", rule: index, in: $0) }
            errors.append(
                ConfigurationError(
                    file: loaded.file ?? "(built-in rule)", line: position?.line ?? 1,
                    column: position?.column ?? 1, message: "rule \"\(rule.name)\": \(problem)"))
        }
        return errors.isEmpty ? .success(loaded) : .failure(ConfigurationErrors(errors: errors))
    }
}
