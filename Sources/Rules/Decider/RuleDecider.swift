import Formats
import Time

/// The rule state machine: events and clock readings in, decisions out. No I/O, no clock of its own, so a live
/// agent (a monotonic clock: quiet, max_delay and cooldown never move when the wall clock is set) and `simulate`
/// (a virtual clock over recorded events' times) run the same code.
///
/// Per rule: matching events add to the pending batch; when its total reaches `threshold` the rule is armed. An
/// armed rule fires at `last matching event + quiet` or `armed + max_delay`, whichever is first, and never sooner
/// than `cooldown` after its last start. One run at a time: while a run is in progress, matching events form the
/// next batch, which fires (once) after `runFinished` if it is armed by then.
public struct RuleDecider: Sendable {
    private struct State: Sendable {
        var definition: RuleDefinition
        var pending: Batch
        var armedAt: MonotonicTime?
        var lastMatchAt: MonotonicTime?
        var lastStart: MonotonicTime?
        var running = false
    }

    private var states: [State]

    public init(rules: [RuleDefinition]) {
        states = rules.map { State(definition: $0, pending: Batch(eventLimit: $0.maxBatchEvents)) }
    }

    /// The rules, in configuration order.
    public var rules: [RuleDefinition] { states.map(\.definition) }

    /// Takes an event at clock time `now`; returns runs due at once (with `quiet = 0`).
    public mutating func handle(_ event: RuleEvent, at now: MonotonicTime) -> [Decision] {
        collect(event, at: now)
        return advance(to: now)
    }

    /// Adds an event to the batch of every rule it matches, deciding nothing: for a caller that may not start
    /// runs yet (the agent before its engine has told it where its data lives). The next `advance` decides.
    public mutating func collect(_ event: RuleEvent, at now: MonotonicTime) {
        for index in states.indices where states[index].definition.matches(event) {
            collect(event, into: index, at: now)
        }
    }

    /// Gives one rule back a batch it held before a restart or a reload; other rules are not touched. The batch
    /// joins what the rule collected since, totals exact. Fires nothing by itself: the caller's next `advance`
    /// does, once everything is restored.
    public mutating func restore(_ batch: Batch, for rule: String, at now: MonotonicTime) {
        guard !batch.isEmpty else { return }
        for index in states.indices where states[index].definition.name == rule {
            states[index].pending.merge(batch)
            noteCollected(into: index, at: now)
        }
    }

    /// Adds an event to a rule's batch and arms the rule when the batch reaches its threshold.
    private mutating func collect(_ event: RuleEvent, into index: Int, at now: MonotonicTime) {
        states[index].pending.add(event)
        noteCollected(into: index, at: now)
    }

    /// The batch grew at `now`: quiet counts from here, and the rule is armed once the threshold is reached.
    private mutating func noteCollected(into index: Int, at now: MonotonicTime) {
        states[index].lastMatchAt = now
        if states[index].armedAt == nil, states[index].pending.totalBytes >= states[index].definition.threshold {
            states[index].armedAt = now
        }
    }

    /// Moves the clock to `now`; returns the runs that fell due.
    public mutating func advance(to now: MonotonicTime) -> [Decision] {
        var decisions: [Decision] = []
        for index in states.indices {
            guard let (due, trigger) = dueTime(states[index]), due <= now else { continue }
            decisions.append(
                Decision(rule: states[index].definition.name, batch: states[index].pending, trigger: trigger, time: now)
            )
            states[index].pending = Batch(eventLimit: states[index].definition.maxBatchEvents)
            states[index].armedAt = nil
            states[index].lastMatchAt = nil
            states[index].lastStart = now
            states[index].running = true
        }
        return decisions
    }

    /// A rule's run ended at `now`; returns a follow-up run if its next batch is already due.
    public mutating func runFinished(rule: String, at now: MonotonicTime) -> [Decision] {
        for index in states.indices where states[index].definition.name == rule {
            states[index].running = false
        }
        return advance(to: now)
    }

    /// The earliest time a decision can fall due, for the caller's timer; nil when nothing is armed.
    public var nextDeadline: MonotonicTime? {
        states.compactMap { dueTime($0)?.time }.min()
    }

    /// The batch a rule is collecting, for status and persistence.
    public func pendingBatch(of rule: String) -> Batch? {
        states.first { $0.definition.name == rule }?.pending
    }

    /// When a rule's armed batch falls due (its run starts then, or as soon as its previous run ends), for status;
    /// nil when it is not armed.
    public func dueTime(of rule: String) -> MonotonicTime? {
        states.first { $0.definition.name == rule }.flatMap { dueTime($0)?.time }
    }

    /// When a rule last started a run, for persistence.
    public func lastStart(of rule: String) -> MonotonicTime? {
        states.first { $0.definition.name == rule }?.lastStart
    }

    /// Marks a rule's run as in progress (after a reload, for a run the previous engine started).
    public mutating func markRunning(_ rule: String) {
        for index in states.indices where states[index].definition.name == rule {
            states[index].running = true
        }
    }

    /// Restores a rule's last start after a restart, so its cooldown holds across it.
    public mutating func restoreLastStart(of rule: String, _ time: MonotonicTime) {
        for index in states.indices where states[index].definition.name == rule {
            states[index].lastStart = time
        }
    }

    private func dueTime(_ state: State) -> (time: MonotonicTime, trigger: Trigger)? {
        guard !state.running, let armedAt = state.armedAt, let lastMatch = state.lastMatchAt else { return nil }
        let quietDue = lastMatch.advanced(by: state.definition.quiet)
        let maxDelayDue = armedAt.advanced(by: state.definition.maxDelay)
        var (due, trigger) = quietDue <= maxDelayDue ? (quietDue, Trigger.quiet) : (maxDelayDue, Trigger.maxDelay)
        if let lastStart = state.lastStart {
            due = max(due, lastStart.advanced(by: state.definition.cooldown))
        }
        return (due, trigger)
    }
}
