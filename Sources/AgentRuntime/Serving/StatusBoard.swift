import AgentCore
import Synchronization

/// The latest status the driver took from the loop, for the status socket to serve: the loop writes (through
/// the driver, after each batch of inputs), connections only read.
public final class StatusBoard: Sendable {
    private let latest = Mutex<StatusSnapshot?>(nil)

    public init() {}

    public func publish(_ snapshot: StatusSnapshot) {
        latest.withLock { $0 = snapshot }
    }

    public var snapshot: StatusSnapshot? {
        latest.withLock { $0 }
    }
}
