import AgentCore
import AgentRuntime
import ArgumentParser
import Journal
import JournalFormat
import Rules

/// `--config`, and loading it with every error reported as FILE:LINE:COLUMN and exit status 78.
struct ConfigOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("The configuration file (default: \(ConfigurationLoader.defaultPath)).", valueName: "path"))
    var config: String?

    /// The configuration, or exit 78 after printing each problem on its own line.
    func load(checkHooks: Bool = true) throws -> ConfigurationLoader.Loaded {
        switch ConfigurationLoader.load(path: config, checkHooks: checkHooks) {
        case .success(let loaded):
            return loaded
        case .failure(let problems):
            for problem in problems.errors { Console.error.writeLine(problem.description) }
            throw ExitCode(ExitStatus.configuration)
        }
    }
}
