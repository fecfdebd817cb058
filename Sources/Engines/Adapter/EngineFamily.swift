import Logging
import Rules

/// One kind of engine this build can talk to: how its hosts are written, where it is found without
/// configuration, what its events can name, and the adapter for one host. `EngineRegistry` lists the families.
public protocol EngineFamily: Sendable {
    /// For messages: `Docker or Podman`, `containerd`.
    static var name: String { get }
    /// The resources its events name, which rules may select.
    static var vocabulary: EventVocabulary { get }
    /// The forms of host it takes, for messages: `unix:///path or tcp://host:port`.
    static var hostForms: String { get }
    /// Whether `host` is written for this family (by its scheme).
    static func accepts(host: String) -> Bool
    /// Why `host`, which `accepts`, is malformed; nil when it is fine.
    static func problem(host: String) -> String?
    /// A host given by the environment the way the engine's own tools read it (`DOCKER_HOST`), if any.
    static func environmentHost(_ environment: [String: String]) -> String?
    /// Where it listens by default, in the order tried.
    static var defaultHosts: [String] { get }
    /// The unix socket `host` names, whose existence discovery checks; nil for a network address, which may
    /// always answer and is tried as it is.
    static func socketPath(host: String) -> String?
    /// The adapter for `host` (one `accepts`), made with `settings`.
    static func adapter(host: String, settings: EngineSettings, logger: Logger) throws -> any EngineAdapter
}

/// What the configuration says of engines, for the adapters that use it.
public struct EngineSettings: Sendable, Equatable {
    /// `[engine] namespaces`: the namespaces followed (and collected in) on engines that have them; nil: all
    /// namespaces are followed.
    public var namespaces: [String]?

    public init(namespaces: [String]? = nil) {
        self.namespaces = namespaces
    }
}
