import Agent
import ArgumentParser
import EngineAPI
import Journal
import Logging
import Rules

/// `reclaimd run`: the agent.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: journal every event and start hooks as the rules decide.",
        discussion: "Without a configuration file at the default path, runs the built-in trim rule. Exits 78 when the configuration or a hook is invalid."
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: ArgumentHelp("The engine's API, overriding [engine] host: unix:///path or tcp://host:port.", valueName: "url"))
    var host: String?

    @Flag(help: "Do everything but start hooks; journal \"would run\" entries instead.")
    var dryRun = false

    func run() async throws {
        let sink = logging.bootstrap()
        defer { sink.flush() }
        let logger = Logger(label: "reclaimd")
        let loaded = try config.load()
        let endpoint = try EngineOptions(host: host ?? loaded.configuration.engineHost).endpoint()
        let environment = ProcessEnvironment.current
        let runtime = AgentRuntime(configuration: loaded.configuration, endpoint: endpoint, dryRun: dryRun, sink: sink,
                                   logger: logger, lang: environment["LANG"])
        logger.info("reclaimd \(ReclaimdVersion.current) starting: \(loaded.configuration.rules.count) rules from \(loaded.file ?? "the built-in trim rule"), engine \(endpoint)\(dryRun ? ", dry run" : "")")
        try await CommandFailure.reporting {
            try await Interruption.runUntilSignalled { try await runtime.run() }
        }
        logger.info("reclaimd stopping")
    }
}
