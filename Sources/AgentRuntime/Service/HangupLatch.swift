import AgentCore
import Glibc
import Synchronization

/// Keeps a SIGHUP that arrives before the agent's loop listens for it: its default action would end the
/// process (systemd sends it for `systemctl reload`, which may come right after start). Installed as the first
/// thing `reclaimd run` does; the loop asks once it listens itself, and reloads if one came.
public enum HangupLatch {
    private static let received = Atomic<Bool>(false)

    /// Catches SIGHUP from now on until the loop's own handler replaces this one.
    public static func install() {
        signal(SIGHUP) { _ in HangupLatch.received.store(true, ordering: .relaxed) }
    }

    /// Whether a SIGHUP came since `install`; clears it.
    public static func take() -> Bool {
        received.exchange(false, ordering: .relaxed)
    }
}
