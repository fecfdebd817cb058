import Formats
import Time
import Rules

/// What is persisted, and getting it back after a restart.
extension AgentLoop {
    /// Takes back what the state store found. Pending and in-flight batches go back to their rules (in-flight
    /// ones run again: at least once); hooks a dead agent left running are to be ended.
    mutating func restore(_ loaded: LoadedState, at now: ClockReading) {
        switch loaded {
        case .fresh:
            break
        case .setAside(let movedTo, let reason):
            emit(
                .log(
                    .warning, "the state file was unusable (\(reason)); moved it to \(movedTo) and starting fresh", [:])
            )
        case .restored(let restored):
            state.cursorTimeNano = restored.cursorTimeNano
            state.cursorKeys = restored.cursorKeys
            state.engineID = restored.engineID
            state.imageLastUse = restored.imageLastUse
            for (name, ruleState) in restored.rules.sorted(by: { $0.key < $1.key }) {
                if let hook = ruleState.inFlightHook { emit(.endLeftoverHook(hook)) }
                guard rules[name] != nil else { continue }
                if let lastStart = ruleState.lastStartNano {
                    decider.restoreLastStart(of: name, now.monotonic(of: Timestamp(nanoseconds: lastStart)))
                }
                // Only this rule gets them back: other rules kept their own copies.
                let limit = rules[name]?.maxBatchEvents ?? Batch.defaultEventLimit
                decider.restore(ruleState.inFlight.limited(to: limit), for: name, at: now.monotonic)
                decider.restore(ruleState.pending.limited(to: limit), for: name, at: now.monotonic)
            }
            let restoredRuns = restored.rules.values.filter { !$0.inFlight.isEmpty }.count
            let from = state.cursorTimeNano.map { Timestamp(nanoseconds: $0).rfc3339 } ?? "the start"
            emit(.log(.info, "resuming from \(from); \(restoredRuns) interrupted runs will run again", [:]))
            dirty = true
        }
    }

    /// Emits the state as it is now.
    mutating func persist(at now: ClockReading) {
        emit(.persist(snapshot(at: now)))
        dirty = false
    }

    /// The cursor, and per configured rule: its pending batch, the batch of a run in progress or interrupted by
    /// a stop, that run's process group, and its last start as wall time.
    func snapshot(at now: ClockReading) -> AgentState {
        var snapshot = state
        snapshot.rules = [:]
        for rule in configuration.rules {
            var ruleState = AgentState.RuleState()
            ruleState.pending = decider.pendingBatch(of: rule.name) ?? Batch()
            if let run = running[rule.name] {
                ruleState.inFlight = run.batch
                ruleState.inFlightHook = run.processGroup
            } else if let batch = interrupted[rule.name] {
                ruleState.inFlight = batch
            }
            ruleState.lastStartNano = decider.lastStart(of: rule.name).map { now.wall(of: $0).nanoseconds }
            snapshot.rules[rule.name] = ruleState
        }
        return snapshot
    }
}
