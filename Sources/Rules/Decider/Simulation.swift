import Formats
import Time

/// Drives a `RuleDecider` on a virtual clock: the events' own timestamps (nanoseconds since the epoch) are the
/// clock's readings, so a decision's `time` read as a `Timestamp` is the wall time it would have fallen due. They move the clock, runs take
/// `hookDuration` of virtual time, and the runs still due after the last event are included.
///
/// Deterministic: the same events give the same decisions. The clock never moves back, so an event stamped
/// earlier than one before it is handled at the current virtual time.
public enum Simulation {
    /// What a simulation did, and what it left collecting.
    public struct Result: Sendable {
        /// The runs that would start, in order.
        public var decisions: [Decision]
        /// Each rule's batch still below its threshold at the end.
        public var pending: [String: Batch]
    }

    public static func run(rules: [RuleDefinition], events: [RuleEvent], hookDuration: Duration) -> Result {
        var engine = RuleDecider(rules: rules)
        var decisions: [Decision] = []
        var finishing: [(rule: String, at: MonotonicTime)] = []
        var clock = MonotonicTime(nanoseconds: events.first?.time.nanoseconds ?? 0)

        func record(_ new: [Decision]) {
            decisions += new
            finishing += new.map { ($0.rule, $0.time.advanced(by: hookDuration)) }
        }
        /// Processes every run end and deadline up to `limit` (all of them when nil), in time order.
        func settle(upTo limit: MonotonicTime?) {
            while true {
                let nextFinish = finishing.min { $0.at < $1.at }
                let candidates = [nextFinish?.at, engine.nextDeadline].compactMap { $0 }.filter { time in
                    limit.map { time <= $0 } ?? true
                }
                guard let next = candidates.min() else { return }
                clock = max(clock, next)
                if let finish = nextFinish, finish.at == next,
                    let index = finishing.firstIndex(where: { $0.rule == finish.rule && $0.at == finish.at })
                {
                    finishing.remove(at: index)
                    record(engine.runFinished(rule: finish.rule, at: clock))
                } else {
                    record(engine.advance(to: clock))
                }
            }
        }
        for event in events {
            let eventTime = MonotonicTime(nanoseconds: event.time.nanoseconds)
            settle(upTo: max(clock, eventTime))
            clock = max(clock, eventTime)
            record(engine.handle(event, at: clock))
        }
        settle(upTo: nil)
        var pending: [String: Batch] = [:]
        for rule in rules {
            pending[rule.name] = engine.pendingBatch(of: rule.name)
        }
        return Result(decisions: decisions, pending: pending)
    }
}
