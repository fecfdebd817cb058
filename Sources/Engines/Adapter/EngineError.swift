/// A failure talking to the engine, with a message that says what failed, where, and what to do.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; callers decide on retries and exit codes from it.
    public enum Code: Sendable, Hashable {
        /// Nothing listens: the socket is missing or the connection was refused.
        case unreachable
        /// The socket exists but this user may not connect to it.
        case permissionDenied
        /// The engine answered with an HTTP error status.
        case engineAnswered(status: Int)
        /// The answer was not what the Engine API promises.
        case protocolViolation
        /// The connection broke while a response was being read.
        case connectionLost
        /// The engine accepted the connection but did not answer in time: it may be hung, or busy; retried.
        case timedOut
        /// `GET /info` failed or lacked what the agent needs (the data root); the engine may yet answer it.
        case infoUnavailable
    }

    /// The kind of failure.
    public var code: Code
    /// One line for a person.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Whether trying again later may succeed (the engine may come back); an error answer or a protocol
    /// violation will not fix itself.
    public var isTransient: Bool {
        switch code {
        case .unreachable, .permissionDenied, .connectionLost, .timedOut, .infoUnavailable: return true
        case .engineAnswered(let status): return status >= 500
        case .protocolViolation: return false
        }
    }
}
