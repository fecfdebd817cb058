import EventModel
import Formats
import Time
import EngineAdapter
import JournalFormat
import Rules

/// What the source reports: connections, losses, events.
extension AgentLoop {
    mutating func sourceReported(_ report: SourceReport, at now: ClockReading) {
        switch report {
        case .connected(let identity):
            connected(identity, at: now)
        case .disconnected(let reason):
            engineReachable = false
            status.engine = "engine unreachable (\(reason.prefix(80))), retrying"
            if activity.connected || activity.connectionChangedAt == nil { activity.connectionChangedAt = now.wall }
            activity.connected = false
            emit(.notify(.status(status.line)))
        case .event(let event):
            handle(event, at: now)
            advanceCursor(past: event)
        case .sample(let event):
            handle(event, at: now)
        }
    }

    private mutating func connected(_ identity: SourceIdentity, at now: ClockReading) {
        context = HookEnvironment.EngineContext(kind: identity.kind, host: identity.host, dataRoot: identity.dataRoot)
        if let id = identity.instanceID {
            if let known = state.engineID, known != id, let cursor = state.cursorTimeNano {
                let since = Timestamp(nanoseconds: cursor)
                emit(
                    .log(
                        .warning,
                        "the engine is not the one the cursor came from (ID \(known) is now \(id)): events after \(since) may have been missed",
                        [
                            JournalField.messageIDMetadataKey: "\(MessageID.eventsMayBeMissed.hex)",
                            JournalField.windowStart.key: "\(since)", JournalField.windowEnd.key: "\(now.wall)",
                        ]))
            }
            state.engineID = id
        }
        status.engine = identity.description
        activity.connections += 1
        activity.connected = true
        activity.connectionChangedAt = now.wall
        if activity.connections > 1 { observe(.reconnected) }
        warnAboutThresholds(engine: identity)
        // Ready once connected; the replay from the cursor follows at once on the same stream.
        emit(.notify(status.isReady ? .status(status.line) : .ready(status: status.line)))
        status.isReady = true
        // Runs that fell due while the data root was unknown (restored batches) start now.
        if phase == .running, hooksMayStart { launch(decider.advance(to: now.monotonic), at: now) }
        engineReachable = true
        launchDuePolicies(at: now)
    }

    private mutating func handle(_ event: ReclaimEvent, at now: ClockReading) {
        guard phase == .running else { return }
        emit(.journal(EventAuditEntry.entry(for: event)))
        notePolicyUse(event, at: now)
        activity.eventsSeen += 1
        activity.lastEventTime = max(activity.lastEventTime ?? event.time, event.time)
        observe(.event(resource: event.resource, kind: event.kind, reclaimedBytes: event.reclaimedBytes))
        let ruleEvent = RuleEvent(event)
        if hooksMayStart {
            launch(decider.handle(ruleEvent, at: now.monotonic), at: now)
        } else {
            decider.collect(ruleEvent, at: now.monotonic)
        }
        if event.action == "prune", let bytes = event.reclaimedBytes {
            status.bytesSeen = status.bytesSeen.addingSaturating(bytes)
        }
        dirty = true
    }

    /// The cursor is the newest event time handled, with the keys of every event handled at that nanosecond.
    private mutating func advanceCursor(past event: ReclaimEvent) {
        guard phase == .running else { return }
        if let cursor = state.cursorTimeNano, event.time.nanoseconds == cursor {
            state.cursorKeys.append(event.key.description)
        } else if event.time.nanoseconds > state.cursorTimeNano ?? .min {
            state.cursorTimeNano = event.time.nanoseconds
            state.cursorKeys = [event.key.description]
        }
    }

    mutating func sourceEnded(_ failure: SourceFailure?, at now: ClockReading) {
        // A source that ends by itself while the agent stops was cancelled by the stop: the hooks decide the end.
        guard failure != nil || phase == .running else { return }
        finish(failure, at: now)
    }
}
