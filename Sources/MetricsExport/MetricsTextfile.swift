import Rules
import SystemIO

/// `[metrics] textfile`: the exposition written for node_exporter's textfile collector, atomically (a temporary
/// file in the same directory, fsync, rename), so the collector never reads half a file. Mode 0644: the
/// collector usually runs as another user.
///
/// Written at start, then after a batch of inputs that changed something, at most once per
/// `MetricsSettings.textfileInterval` (a later change waits for the rest of the interval), and at exit.
struct MetricsTextfile: Sendable {
    let path: String

    func write(_ exposition: [UInt8]) throws(AtomicFile.Failure) {
        try AtomicFile.write(exposition, to: path, mode: 0o644)
    }
}
