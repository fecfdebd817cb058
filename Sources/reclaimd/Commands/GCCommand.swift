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
import Policies
import Rules

/// `reclaimd gc`: evaluates the policies once and exits.
struct GCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Evaluate the garbage-collection policies once: remove what they select, or show it.",
        discussion: """
            Prints one line per object removed (or, with --dry-run, that would be removed), in order, then one \
            summary per policy and resource. Last use comes from the agent's state and the engine's event backlog. \
            Each removal and summary is also journaled. Exit 64 for an unknown --policy, 69 when the engine \
            cannot be reached, 76 when it answers with an error, 78 for an invalid configuration.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var logging: LoggingOptions

    @Option(
        help: ArgumentHelp(
            "The engine, overriding [engine] host: unix:///path, tcp://host:port or containerd:///path.",
            valueName: "url"))
    var host: String?

    @Option(help: ArgumentHelp("Only this policy.", valueName: "name"))
    var policy: String?

    @Flag(help: "Remove nothing; print what would be removed, in order.")
    var dryRun = false

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() async throws {
        let sink = logging.bootstrap()
        defer { sink.flush() }
        let configuration = try config.load(checkHooks: false).configuration
        let policies = configuration.policies.filter { policy == nil || $0.name == policy }
        if let policy, policies.isEmpty {
            throw ValidationError(
                "no policy named \"\(policy)\"; the configuration has: \(configuration.policies.map(\.name).joined(separator: ", "))"
            )
        }
        try await CommandFailure.reporting {
            let registry = EngineRegistry(
                settings: EngineSettings(namespaces: configuration.engineNamespaces),
                logger: Logger(label: "reclaimd"))
            let adapter = try registry.adapter(
                host: try EngineOptions(host: host ?? configuration.engineHost).chosenHost())
            let stateDirectory = ConfigurationLoader.stateDirectory(
                configured: configuration.stateDirectory, environment: ProcessEnvironment.current)
            let (json, dryRun) = (self.json, self.dryRun)
            try await adapter.withCollection { engine in
                let lastUse = PersistedLastUse.read(stateDirectory: stateDirectory).merging(
                    try await engine.recentUses())
                for policy in policies {
                    let evaluator = PolicyEvaluator(
                        engine: engine, lastUse: lastUse, dryRun: dryRun || policy.dryRun, trigger: .manual)
                    let summaries = try await evaluator.evaluate(policy) { outcome in
                        Console.output.writeLine(json ? EvaluationJSON.line(outcome) : EvaluationJSON.text(outcome))
                        sink.write(PolicyJournal.removal(outcome))
                    }
                    for summary in summaries {
                        Console.output.writeLine(json ? EvaluationJSON.line(summary) : EvaluationJSON.text(summary))
                        sink.write(PolicyJournal.summary(summary))
                    }
                }
            }
        }
    }
}
