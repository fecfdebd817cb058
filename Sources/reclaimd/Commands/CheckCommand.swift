import AgentCore
import AgentRuntime
import ArgumentParser
import Formats
import Time
import Journal
import JournalFormat
import Rules

/// `reclaimd check`: validates the configuration and prints the effective rules.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration and print the effective rules and policies with defaults filled in.",
        discussion: "Exit 0 when valid; else exit 78 with FILE:LINE:COLUMN: message for every error found."
    )

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let loaded = try config.load()
        let configuration = loaded.configuration
        Console.output.writeLine(
            "# \(loaded.file ?? "no configuration file: the built-in rule"): valid, \(configuration.rules.count) rule\(configuration.rules.count == 1 ? "" : "s"), \(configuration.policies.count) polic\(configuration.policies.count == 1 ? "y" : "ies")"
        )
        if let host = configuration.engineHost {
            Console.output.writeLine("[engine]\nhost = \(JSONText.quoted(host))\n")
        }
        if let dir = configuration.stateDirectory {
            Console.output.writeLine("[state]\ndir = \(JSONText.quoted(dir))\n")
        }
        if let watch = configuration.filesystem {
            let paths = watch.paths.map { "paths = [" + $0.map(JSONText.quoted).joined(separator: ", ") + "]" }
            let sampled =
                configuration.activeFilesystemWatch == nil ? "  # not sampled: no rule selects \"filesystem\"" : ""
            Console.output.writeLine(
                "[filesystem]\(sampled)\n\(paths ?? "# paths: the engine's data root")\ninterval = \(JSONText.quoted(DurationText.format(watch.interval)))\n"
            )
        }
        Console.output.writeLine(Self.metrics(configuration.metrics))
        for rule in configuration.rules {
            Console.output.writeLine(EffectiveRule.toml(rule))
        }
        for policy in configuration.policies {
            Console.output.writeLine(EffectivePolicy.toml(policy))
        }
    }

    /// `[metrics]` with its defaults (off), as TOML.
    static func metrics(_ metrics: MetricsSettings) -> String {
        let listen = metrics.listen.map { "listen = \(JSONText.quoted($0.description))" } ?? "# listen: off"
        let textfile =
            metrics.textfile.map {
                "textfile = \(JSONText.quoted($0))  # written at most every \(DurationText.format(MetricsSettings.textfileInterval))"
            } ?? "# textfile: off"
        return "[metrics]\n\(listen)\nmax_connections = \(metrics.maxConnections)\n\(textfile)\n"
    }
}
