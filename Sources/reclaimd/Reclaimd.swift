import Agent
import ArgumentParser

/// The `reclaimd` command line.
@main
struct Reclaimd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclaimd",
        abstract: "Act on the disk space container engines reclaim.",
        discussion: """
            reclaimd follows a Docker or Podman engine's event stream, reads the bytes each prune frees, \
            and runs hooks such as fstrim when they add up.
            """,
        version: ReclaimdVersion.current,
        subcommands: [EventsCommand.self, RunCommand.self, CheckCommand.self, SimulateCommand.self, ReportCommand.self]
    )

    /// Before anything else: the agent must survive a SIGHUP that comes before it listens for one (a reload
    /// right after start). Other commands keep SIGHUP's default (a closed terminal ends `events`).
    static func main() async {
        if CommandLine.arguments.dropFirst().first == "run" { HangupLatch.install() }
        await main(nil as [String]?)
    }
}

/// The version reported by `--version` and in the User-Agent.
enum ReclaimdVersion {
    static let current = "0.1.0"
}
