import Rules

/// Where the agent keeps its state (and its status socket): `[state] dir`, else systemd's `$STATE_DIRECTORY`,
/// else the packaged default. `run` and `status` must agree on it.
enum StateDirectory {
    static let packagedDefault = "/var/lib/reclaimd"

    static func resolve(_ configuration: AgentConfiguration, environment: [String: String] = ProcessEnvironment.current) -> String {
        configuration.stateDirectory
            ?? environment["STATE_DIRECTORY"].flatMap { $0.split(separator: ":").first.map(String.init) }
            ?? packagedDefault
    }
}
