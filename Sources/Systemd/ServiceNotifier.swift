import CSystemd

import Glibc

/// Talking to the service manager through libsystemd's `sd_notify`. Without `$NOTIFY_SOCKET` (not started by
/// systemd with Type=notify) every call is a no-op.
public enum ServiceNotifier {
    /// Sends one notification, e.g. `READY=1\nSTATUS=…`; false when there is no manager to tell or it failed.
    @discardableResult
    public static func notify(_ assignments: String) -> Bool {
        sd_notify(0, assignments) > 0
    }

    /// Half of `$WATCHDOG_USEC` when the manager wants watchdog pings, as systemd recommends; else nil.
    public static var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds / 2))
    }

    /// `MONOTONIC_USEC=` as `RELOADING=1` wants it.
    public static var monotonicMicroseconds: UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000 + UInt64(spec.tv_nsec) / 1000
    }
}
