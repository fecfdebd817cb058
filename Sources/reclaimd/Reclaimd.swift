import AgentCore
import AgentRuntime
import ArgumentParser
import SystemIO

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
        subcommands: [
            EventsCommand.self, RunCommand.self, CheckCommand.self, SimulateCommand.self, ReportCommand.self,
            StatusCommand.self, GCCommand.self,
        ]
    )

    /// Before anything else: the agent must survive a SIGHUP that comes before it listens for one (a reload
    /// right after start). Other commands keep SIGHUP's default (a closed terminal ends `events`).
    static func main() async {
        let command = CommandLine.arguments.dropFirst().first
        if command == "run" { HangupLatch.install() }
        if command == "run" || command == "events" { releaseStartupPages(after: .seconds(3)) }
        await main(nil as [String]?)
    }

    /// The long-running commands give back the code pages start-up touched once it is over (connected, usually,
    /// within milliseconds): the largest part of what an idle agent holds resident (`StartupPages`).
    private static func releaseStartupPages(after delay: Duration) {
        Task.detached(priority: .background) {
            try? await Task.sleep(for: delay)
            StartupPages.release()
        }
    }
}

/// The version reported by `--version` and in the User-Agent.
enum ReclaimdVersion {
    static let current = "0.1.0"
}
