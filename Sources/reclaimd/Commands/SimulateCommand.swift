import AgentCore
import AgentRuntime
import ArgumentParser
import DockerAPI
import EngineAdapter
import Formats
import Time
import Journal
import JournalFormat
import Rules
import SystemIO

/// `reclaimd simulate`: what the rules would do with recorded events, on a virtual clock.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Show the runs the rules would start for recorded events.",
        discussion: """
            Reads Docker API NDJSON (as GET /events returns it), drives the rules on a virtual clock set by the \
            events' own timestamps, and prints one line per run, including runs still due after the last event. \
            Deterministic: the same input gives the same output. Hooks are not started.
            """
    )

    @OptionGroup var config: ConfigOptions

    @Option(help: ArgumentHelp("Recorded events: a file, or - for stdin.", valueName: "file"))
    var input: String = "-"

    @Option(help: ArgumentHelp("How long each run takes, in virtual time.", valueName: "duration"))
    var hookDuration: String = "0s"

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() throws {
        let duration = try DurationArgument.parse(hookDuration, option: "--hook-duration")
        // Hooks are not run, so their files are not checked here; `check` does that.
        let configuration = try config.load(checkHooks: false).configuration
        let bytes: [UInt8]
        switch WholeFile.read(input) {
        case .success(let read): bytes = read
        case .failure(let failure): throw ValidationError("cannot read --input \(input): \(failure)")
        }
        var decoder = EventStreamDecoder(engine: .docker)
        var events: [RuleEvent] = []
        for item in decoder.feed(bytes) + decoder.finish() {
            switch item {
            case .event(let event): events.append(RuleEvent(event))
            case .warning(let text): Console.error.writeLine("reclaimd: warning: \(text)")
            }
        }
        let result = Simulation.run(rules: configuration.rules, events: events, hookDuration: duration)
        for decision in result.decisions {
            Console.output.writeLine(json ? Self.json(decision) : Self.human(decision))
        }
    }

    static func human(_ decision: Decision) -> String {
        let batch = decision.batch
        return
            "\(Timestamp(nanoseconds: decision.time.nanoseconds).rfc3339)  \(decision.rule)  \(decision.trigger.rawValue)  \(ByteCountText.decimalWithExact(batch.totalBytes))  \(batch.eventCount) events"
    }

    static func json(_ decision: Decision) -> String {
        var writer = JSONObjectWriter()
        writer.add("time", Timestamp(nanoseconds: decision.time.nanoseconds).rfc3339)
        writer.add("rule", decision.rule)
        writer.add("trigger", decision.trigger.rawValue)
        writer.add("reclaimed_bytes", decision.batch.totalBytes)
        writer.add("event_count", decision.batch.eventCount)
        return writer.finish()
    }
}
