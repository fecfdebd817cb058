import Formats
import Time
import Policies
import Rules

/// When each policy is evaluated next and why, and which are being evaluated: one evaluation of a policy at a time.
struct PolicySchedule: Sendable, Equatable {
    /// How long after a pull, build, load or creation the policies are evaluated: a burst makes one evaluation.
    static let debounce = Duration.seconds(5)

    /// The next evaluation of a policy, and what it is for.
    struct Due: Sendable, Equatable {
        var time: MonotonicTime
        var trigger: EvaluationTrigger
    }

    /// The next evaluation of each policy not in progress.
    private(set) var due: [String: Due] = [:]
    /// Policies being evaluated, with the trigger of their evaluation.
    private(set) var evaluating: [String: EvaluationTrigger] = [:]
    /// Policies asked for again while being evaluated: evaluated once more, debounced, when they end.
    private(set) var requested: Set<String> = []

    /// Makes the schedule follow `policies`: new ones are due `first` (trigger `start`), gone ones are forgotten.
    mutating func follow(_ policies: [PolicyDefinition], first: MonotonicTime) {
        let names = Set(policies.map(\.name))
        due = due.filter { names.contains($0.key) }
        requested = requested.intersection(names)
        for name in names where due[name] == nil && evaluating[name] == nil {
            due[name] = Due(time: first, trigger: .start)
        }
    }

    /// An event asked for an evaluation: every policy is due at the latest `debounce` from now, for the event when
    /// that brings it forward.
    mutating func request(at now: MonotonicTime) {
        let soon = now.advanced(by: Self.debounce)
        for (name, next) in due where soon < next.time {
            due[name] = Due(time: soon, trigger: .event)
        }
        requested.formUnion(evaluating.keys)
    }

    /// The earliest deadline of a policy not in progress.
    var nextDeadline: MonotonicTime? { due.values.map(\.time).min() }

    /// The policies due at `now` with their triggers, by name, now marked as being evaluated.
    mutating func takeDue(at now: MonotonicTime) -> [(name: String, trigger: EvaluationTrigger)] {
        let taken = due.filter { $0.value.time <= now }.map { (name: $0.key, trigger: $0.value.trigger) }
            .sorted { $0.name < $1.name }
        for (name, trigger) in taken {
            due[name] = nil
            evaluating[name] = trigger
        }
        return taken
    }

    /// An evaluation ended: the next is an interval later, or soon (for the event) if asked for meanwhile. The
    /// trigger of the one that ended.
    mutating func ended(_ name: String, interval: Duration?, at now: MonotonicTime) -> EvaluationTrigger? {
        guard let trigger = evaluating.removeValue(forKey: name) else { return nil }
        guard let interval else { return trigger }
        due[name] =
            requested.remove(name) == nil
            ? Due(time: now.advanced(by: interval), trigger: .interval)
            : Due(time: now.advanced(by: Self.debounce), trigger: .event)
        return trigger
    }
}
