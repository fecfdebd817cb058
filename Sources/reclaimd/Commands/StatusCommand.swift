import AgentCore
import AgentRuntime
import ArgumentParser
import Glibc
import Journal
import JournalFormat
import SystemIO

/// `reclaimd status`: what the running agent is doing, asked over its status socket.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the running agent is doing: engine, rules, pending batches, last runs.",
        discussion: """
            Asks the agent over STATE_DIR/status.sock (root only). Exit 0 with its answer; 3 when no agent is \
            running; 77 when the socket may not be used (not root); 78 when the configuration is invalid.
            """
    )

    @OptionGroup var config: ConfigOptions

    @Flag(help: "Print one JSON object (keys in the README).")
    var json = false

    func run() throws {
        let loaded = try config.load(checkHooks: false)
        let path =
            ConfigurationLoader.stateDirectory(
                configured: loaded.configuration.stateDirectory, environment: ProcessEnvironment.current) + "/"
            + StatusServer.fileName
        do {
            let answer = try StatusClient.ask(socketPath: path, format: json ? "json" : "text")
            WriteAll.write(answer, to: STDOUT_FILENO)
        } catch .notRunning(let message) {
            Console.error.writeLine(message)
            throw ExitCode(ExitStatus.notRunning)
        } catch .failed(let message) {
            Console.error.writeLine("reclaimd: \(message)")
            throw ExitCode(ExitStatus.noPermission)
        }
    }
}
