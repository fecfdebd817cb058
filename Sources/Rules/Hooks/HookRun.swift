/// One run of a hook.
public struct HookInvocation: Sendable {
    /// argv; the first element is the absolute path of the executable. Never through a shell.
    public var argv: [String]
    /// The complete environment: nothing else is inherited.
    public var environment: [String: String]
    /// Written to the hook's stdin, which is then closed.
    public var stdin: [UInt8]
    /// Then SIGTERM to the hook's process group, and SIGKILL `killGrace` later.
    public var timeout: Duration
    public var killGrace: Duration
    /// Output kept per run (stdout and stderr together); the rest is read and dropped.
    public var outputLimit: Int

    public init(
        argv: [String], environment: [String: String], stdin: [UInt8], timeout: Duration,
        killGrace: Duration = .seconds(10), outputLimit: Int = 64 << 10
    ) {
        self.argv = argv
        self.environment = environment
        self.stdin = stdin
        self.timeout = timeout
        self.killGrace = killGrace
        self.outputLimit = outputLimit
    }
}

/// Which stream a line came from.
public enum HookStream: String, Sendable {
    case stdout
    case stderr
}

/// How a run ended.
public struct HookResult: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case success, failure, timeout
    }

    public var outcome: Outcome
    /// The exit status, when the hook exited.
    public var exitStatus: Int32?
    /// The signal that ended it, when one did.
    public var signal: Int32?
    public var duration: Duration
    /// Output bytes past `outputLimit`, read and dropped.
    public var droppedOutputBytes: Int

    public init(outcome: Outcome, exitStatus: Int32?, signal: Int32?, duration: Duration, droppedOutputBytes: Int) {
        self.outcome = outcome
        self.exitStatus = exitStatus
        self.signal = signal
        self.duration = duration
        self.droppedOutputBytes = droppedOutputBytes
    }
}
