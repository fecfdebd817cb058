import AgentCore
import AgentRuntime
import ArgumentParser
import EngineAdapter
import EngineRegistry
import Formats
import Time
import Journal
import JournalFormat
import Logging
import MetricsExport
import Rules
import ServiceLifecycle

/// `reclaimd run`: the agent.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: journal every event and start hooks as the rules decide.",
        discussion: """
            Without a configuration file at the default path, runs the built-in trim rule. Exits 78 when the \
            configuration or a hook is invalid. SIGTERM or SIGINT: stop taking events, let running hooks finish \
            within --shutdown-grace, end the rest, persist state, exit 0. SIGHUP: reload the configuration; if it \
            is invalid, the running one stays and the errors are journaled.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var logging: LoggingOptions

    @Option(
        help: ArgumentHelp(
            "The engine, overriding [engine] host: unix:///path, tcp://host:port or containerd:///path.",
            valueName: "url"))
    var host: String?

    @Flag(help: "Do everything but start hooks; journal \"would run\" entries instead.")
    var dryRun = false

    @Option(help: ArgumentHelp("How long a stop waits for running hooks.", valueName: "duration"))
    var shutdownGrace: String = "30s"

    func run() async throws {
        let grace = try DurationArgument.parse(shutdownGrace, option: "--shutdown-grace")
        let sink = logging.bootstrap()
        defer { sink.flush() }
        let logger = Logger(label: "reclaimd")
        let loaded = try config.load()
        let candidates = try EngineOptions(host: host ?? loaded.configuration.engineHost).candidates()
        let environment = ProcessEnvironment.current
        let stateDirectory = ConfigurationLoader.stateDirectory(
            configured: loaded.configuration.stateDirectory, environment: environment)
        let metrics = loaded.configuration.metrics
        let registry = EngineRegistry(
            settings: EngineSettings(namespaces: loaded.configuration.engineNamespaces), logger: logger)
        var driver = AgentDriver(
            configuration: loaded.configuration,
            settings: AgentLoop.Settings(
                dryRun: dryRun, shutdownGrace: grace, lang: environment["LANG"],
                observed: metrics.isEnabled),
            source: CombinedSource(
                engine: DiscoveringSource(candidates: candidates, registry: registry), logger: logger),
            engines: registry, sink: sink, logger: logger, stateStore: StateStore(directory: stateDirectory))
        driver.observer = try await Self.makeMetrics(metrics, logger: logger)
        logger.info(
            "reclaimd \(ReclaimdVersion.current) starting: \(loaded.configuration.rules.count) rules from \(loaded.file ?? "the built-in trim rule"), engine \(EngineRegistry.describe(candidates)), state in \(stateDirectory)\(dryRun ? ", dry run" : "")"
        )
        let path = config.config
        let service = AgentService(driver: driver) {
            ConfigurationLoader.load(path: path).map(\.configuration)
        }
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await CommandFailure.reporting {
                try await group.run()
            }
        } catch let error as StateError {
            Console.error.writeLine("reclaimd: \(error.message)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        logger.info("reclaimd stopped")
    }

    /// The metrics exporter when `[metrics]` asks for one (nothing at all otherwise); exit 73 when its address
    /// cannot be bound.
    private static func makeMetrics(_ settings: MetricsSettings, logger: Logger) async throws -> MetricsExporter? {
        guard settings.isEnabled else { return nil }
        do {
            return try await MetricsExporter(settings: settings, logger: logger)
        } catch {
            Console.error.writeLine(
                "reclaimd: cannot listen for metrics on \(settings.listen?.description ?? ""): \(error)")
            throw ExitCode(ExitStatus.cannotCreate)
        }
    }
}
