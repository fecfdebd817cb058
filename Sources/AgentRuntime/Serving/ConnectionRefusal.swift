/// Why a listener dropped a client, as the metric's `reason` label and the journal say it.
public enum ConnectionRefusal: String, Sendable, CaseIterable {
    /// `max_connections` were open already, each being answered.
    case tooMany = "too_many"
    /// Closed while still sending its request, for a newer client: every place was taken.
    case displaced = "displaced"
    /// The request did not end within the header timeout.
    case headerTimeout = "header_timeout"
    /// The answer was not taken within the idle timeout.
    case idleTimeout = "idle_timeout"
    /// The request grew past its size limit.
    case tooLarge = "too_large"
}
