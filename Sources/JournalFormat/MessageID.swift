/// The stable 128-bit MESSAGE_IDs of reclaimd's entries, generated once with `systemd-id128 new`.
/// packaging/reclaimd.catalog explains each; `journalctl -x` shows the explanation.
public struct MessageID: Sendable, Hashable {
    /// 32 lowercase hex digits.
    public let hex: String

    init(_ hex: String) {
        self.hex = hex
    }

    /// An ID from 32 hex digits (any case); nil for anything else.
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 32,
            lower.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            return nil
        }
        self.hex = lower
    }

    /// An engine event was received (one entry per event; prunes carry the reclaimed bytes).
    public static let eventReceived = MessageID("cc7a67629954462bba7eb086f983131e")
    /// Connected, or connected again, to the engine.
    public static let engineConnected = MessageID("53929e82f569405eae718cf2c7d86991")
    /// The connection to the engine was lost or could not be made; retrying.
    public static let engineLost = MessageID("aeb45c1f3fe54940b9e9f6a2f156b05b")
    /// The journal took entries again after a stretch in which they went to stderr.
    public static let journalResumed = MessageID("04002eb027314c49979308e72f4c918d")

    /// A rule fired and its hook started (or, with --dry-run, would have).
    public static let runStarted = MessageID("84ba19fbd13d4a0ab601c01e479b21b0")
    /// A hook run ended: success, failure or timeout.
    public static let runFinished = MessageID("2359a03b61c54b4aba5331d032313615")
    /// A line a hook wrote to stdout or stderr.
    public static let hookOutput = MessageID("42d602eba5014712bd1dc37e6ad2fa43")

    /// Events may have been missed while reclaimd was not connected.
    public static let eventsMayBeMissed = MessageID("c20305ecb2d94581a04d633219c603f9")

    /// A garbage-collection policy removed an object (or, in a dry run, would have; a warning when the engine refused).
    public static let policyRemoval = MessageID("1a36de535e59445c98ad196c7fabf4e3")
    /// A garbage-collection policy's evaluation ended: freed, usage before and after, count, duration.
    public static let policyEvaluated = MessageID("ae3b49755ab64d109d55f223110308ef")

    /// Every ID, for the catalog test.
    public static let all: [MessageID] = [
        .eventReceived, .engineConnected, .engineLost, .journalResumed,
        .runStarted, .runFinished, .hookOutput, .eventsMayBeMissed,
        .policyRemoval, .policyEvaluated,
    ]
}
