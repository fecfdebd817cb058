import AgentCore
/// An observer of the agent that the driver feeds (the metrics): what happened, as the loop's `.observe`
/// effects, and the status after each batch of inputs. Observers see; they never send the loop anything.
public protocol AgentObserver: Sendable {
    /// One observation, in the loop's order.
    func observe(_ observation: AgentObservation)
    /// The status after a batch of inputs, with how many journal entries fell back to stderr so far.
    func publish(_ snapshot: StatusSnapshot, journalFallbacks: Int)
    /// Serves (an endpoint, a file) until cancelled, and writes what is left before returning.
    func run() async
}
