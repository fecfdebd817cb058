/// Finds the adapter for a host the agent follows: how garbage collection reaches the engine the event source
/// connected to, through the same adapter.
public protocol EngineDirectory: Sendable {
    func adapter(host: String) throws -> any EngineAdapter
}
