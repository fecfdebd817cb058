import Formats
import Time
import Rules

/// When each policy is evaluated next, and which are being evaluated: one evaluation of a policy at a time.
struct PolicySchedule: Sendable, Equatable {
    /// How long after a pull, build, load or creation the policies are evaluated: a burst makes one evaluation.
    static let debounce = Duration.seconds(5)

    /// The next evaluation of each policy not in progress.
    private(set) var due: [String: MonotonicTime] = [:]
    /// Policies being evaluated.
    private(set) var evaluating: Set<String> = []
    /// Policies asked for again while being evaluated: evaluated once more, debounced, when they end.
    private(set) var requested: Set<String> = []

    /// Makes the schedule follow `policies`: new ones are due `first`, gone ones are forgotten.
    mutating func follow(_ policies: [PolicyDefinition], first: MonotonicTime) {
        let names = Set(policies.map(\.name))
        due = due.filter { names.contains($0.key) }
        requested = requested.intersection(names)
        for name in names where due[name] == nil && !evaluating.contains(name) {
            due[name] = first
        }
    }

    /// An event asked for an evaluation: every policy is due at the latest `debounce` from now.
    mutating func request(at now: MonotonicTime) {
        let soon = now.advanced(by: Self.debounce)
        for name in due.keys { due[name] = min(due[name] ?? soon, soon) }
        requested.formUnion(evaluating)
    }

    /// The earliest deadline of a policy not in progress.
    var nextDeadline: MonotonicTime? { due.values.min() }

    /// The policies due at `now`, now marked as being evaluated.
    mutating func takeDue(at now: MonotonicTime) -> [String] {
        let names = due.filter { $0.value <= now }.keys.sorted()
        for name in names {
            due[name] = nil
            evaluating.insert(name)
        }
        return names
    }

    /// An evaluation ended: the next is an interval later, or soon if asked for meanwhile.
    mutating func ended(_ name: String, interval: Duration?, at now: MonotonicTime) {
        guard evaluating.remove(name) != nil, let interval else { return }
        due[name] = now.advanced(by: requested.remove(name) == nil ? interval : Self.debounce)
    }
}
