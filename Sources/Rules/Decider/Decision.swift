import Formats
import Time

/// What made an armed rule fire.
public enum Trigger: String, Sendable, Equatable {
    /// `quiet` passed without another matching event.
    case quiet
    /// `max_delay` passed since arming.
    case maxDelay = "max_delay"
}

/// A rule engine decision: start this rule's hook now with this batch.
public struct Decision: Sendable, Equatable {
    public var rule: String
    public var batch: Batch
    public var trigger: Trigger
    /// When the decision fell due (the clock reading given to the engine).
    public var time: MonotonicTime
}
