import Formats
import Time

/// The one-line STATUS= the agent keeps current for `systemctl status`.
struct ServiceStatus {
    var rules: Int
    var engine = "connecting to the engine"
    var bytesSeen: UInt64 = 0
    var lastRun: String?
    var isReady = false

    /// e.g. `Docker/20.10.24+dfsg1 (API 1.41); 1 rules; 14.6 MB reclaimed seen since start; last run: trim success`
    var line: String {
        "\(engine); \(rules) rules; \(ByteCountText.decimal(bytesSeen)) reclaimed seen since start; last run: \(lastRun ?? "none")"
    }
}
