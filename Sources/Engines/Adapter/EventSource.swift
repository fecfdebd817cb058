import EventModel
import Formats
import Time
import Rules

/// Where the agent's events come from: an engine's adapter, or the filesystem.
///
/// A source turns its world into events of the common model (`ReclaimEvent`), says when it is connected and to
/// what, and resumes from a cursor. The agent loop never learns which kind of source it follows.
public protocol EventSource: Sendable {
    /// Follows the source until cancelled (then returns), or until a failure it will not retry (then throws).
    /// Reconnecting after transient failures is the source's job; every change and event goes to `report`, in order.
    /// `report` returns once the agent has room for more: a source awaits it before reading further.
    func follow(_ request: FollowRequest, report: @escaping @Sendable (SourceReport) async -> Void) async throws
}

/// What the loop asks a source for.
public struct FollowRequest: Sendable, Equatable {
    /// The events the rules and policies want; the source may narrow its stream to them.
    public var selection: EventSelection
    /// Where a previous run stopped; nil to start from now.
    public var resumePoint: ResumePoint?
    /// The filesystems to sample, when a rule wants the filesystem source's events.
    public var filesystem: FilesystemWatch?

    public init(selection: EventSelection, resumePoint: ResumePoint?, filesystem: FilesystemWatch? = nil) {
        self.selection = selection
        self.resumePoint = resumePoint
        self.filesystem = filesystem
    }
}

/// The cursor: the time of the last event handled, and the keys of the events handled at that nanosecond, which a
/// replay from that time must not deliver again.
public struct ResumePoint: Sendable, Equatable {
    public var time: Timestamp
    public var keys: [EventKey]

    public init(time: Timestamp, keys: [EventKey]) {
        self.time = time
        self.keys = keys
    }
}

/// What a source tells the loop.
public enum SourceReport: Sendable {
    /// Connected (or reconnected), with what the hooks need to know of it.
    case connected(SourceIdentity)
    /// Lost; the source is retrying.
    case disconnected(reason: String)
    /// One event, never one the loop was given before.
    case event(ReclaimEvent)
    /// An event observed now that no replay could repeat (a sample of free space, an event of an engine without a
    /// backlog): it does not move the cursor, which belongs to replayable streams.
    case sample(ReclaimEvent)
}

/// A failure a source ended with; the driver rethrows it for the command's exit status.
public struct SourceFailure: Sendable {
    public var error: any Error

    public init(_ error: any Error) {
        self.error = error
    }
}
