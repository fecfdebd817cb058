import EngineAdapter
import FilesystemSource
import JournalFormat
import AgentCore
import AgentRuntime
import EventModel
import Formats
import Time
import Hooks
import Journal
import Rules

/// Drives an `AgentLoop` the way the driver does, on clocks the test moves by hand: no root, no engine, no
/// journald. It remembers the timer the loop asked for, and fires it when the monotonic clock reaches it.
struct LoopHarness {
    var loop: AgentLoop
    var clock = ClockReading(
        wall: Timestamp(seconds: 1_795_364_605), monotonic: MonotonicTime(nanoseconds: 5_000_000_000_000))
    /// Every effect so far, in order.
    var effects: [AgentEffect] = []
    private(set) var timer: MonotonicTime?
    private var eventCounter = 0

    static let dataRoot = "/var/lib/docker"

    init(
        rules: [RuleDefinition], policies: [PolicyDefinition] = [], settings: AgentLoop.Settings = AgentLoop.Settings(),
        restoring loaded: StateStore.Loaded = .fresh, clock: ClockReading? = nil
    ) {
        loop = AgentLoop(configuration: AgentConfiguration(rules: rules, policies: policies), settings: settings)
        if let clock { self.clock = clock }
        record(loop.start(restoring: loaded, at: self.clock))
    }

    /// Sends one input; returns its effects.
    @discardableResult
    mutating func send(_ input: AgentInput) -> [AgentEffect] {
        let new = loop.handle(input, at: clock)
        record(new)
        return new
    }

    private mutating func record(_ new: [AgentEffect]) {
        for effect in new {
            if case .setTimer(let deadline) = effect { timer = deadline }
        }
        effects += new
    }

    /// Moves both clocks on, firing the loop's timer whenever it falls due on the way.
    @discardableResult
    mutating func pass(_ duration: Duration) -> [AgentEffect] {
        let end = clock.monotonic.advanced(by: duration)
        var new: [AgentEffect] = []
        while let due = timer, due <= end {
            move(to: max(due, clock.monotonic))
            timer = nil
            new += send(.timer)
        }
        move(to: end)
        return new
    }

    /// Steps the wall clock alone, as a Desktop VM does after the host wakes.
    mutating func stepWallClock(by duration: Duration) {
        clock.wall = clock.wall.advanced(by: duration)
    }

    private mutating func move(to reading: MonotonicTime) {
        clock.wall = clock.wall.advanced(by: reading.duration(since: clock.monotonic))
        clock.monotonic = reading
    }

    @discardableResult
    mutating func connect(
        dataRoot: String = LoopHarness.dataRoot, id: String? = "engine-1", generation: Int = 0
    ) -> [AgentEffect] {
        send(
            .source(
                generation: generation,
                .connected(
                    SourceIdentity(
                        kind: "docker", description: "Docker/test (API 1.41)", host: "unix:///test.sock",
                        instanceID: id, dataRoot: dataRoot))))
    }

    /// An engine event at the wall clock's time (or `time`), unique unless `key` says otherwise.
    mutating func event(
        _ resource: String = "volume", bytes: UInt64? = 10, action: String = "prune",
        time: Timestamp? = nil, key: String? = nil
    ) -> ReclaimEvent {
        eventCounter += 1
        return ReclaimEvent(
            source: "docker", resource: resource, action: action, reclaimedBytes: bytes, actorID: "",
            attributes: [:], time: time ?? clock.wall, key: EventKey(hashing: [key ?? "event-\(eventCounter)"]))
    }

    @discardableResult
    mutating func deliver(_ event: ReclaimEvent, generation: Int = 0) -> [AgentEffect] {
        send(.source(generation: generation, .event(event)))
    }

    /// A run's hook started and ended as the driver would report it.
    @discardableResult
    mutating func endRun(_ rule: String, completed: Bool = true, outcome: String = "success") -> [AgentEffect] {
        send(.hookEnded(rule: rule, completed: completed, outcome: outcome))
    }
}

/// Reading effects.
extension Array where Element == AgentEffect {
    var launches: [HookLaunch] {
        compactMap { if case .startHook(let launch) = $0 { return launch } else { return nil } }
    }

    var persisted: [AgentState] {
        compactMap { if case .persist(let state) = $0 { return state } else { return nil } }
    }

    var journaled: [JournalEntry] {
        compactMap { if case .journal(let entry) = $0 { return entry } else { return nil } }
    }

    var logLines: [String] {
        compactMap { if case .log(_, let line, _) = $0 { return line } else { return nil } }
    }

    var follows: [(generation: Int, request: FollowRequest)] {
        compactMap {
            if case .follow(let generation, let request) = $0 { return (generation, request) } else { return nil }
        }
    }

    var finishes: Int {
        filter { if case .finish = $0 { return true } else { return false } }.count
    }
}

func trimRule(
    _ name: String = "trim", threshold: UInt64 = 0, quiet: Duration = .seconds(10), maxDelay: Duration = .seconds(60),
    cooldown: Duration = .zero
) -> RuleDefinition {
    RuleDefinition(
        name: name, resources: ["container", "image", "volume", "builder"], threshold: threshold, quiet: quiet,
        maxDelay: maxDelay, cooldown: cooldown, hook: ["/usr/libexec/reclaimd/hooks/fstrim"])
}
