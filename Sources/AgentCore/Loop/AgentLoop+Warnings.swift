import EngineAdapter
import EventModel
import Formats
import Time
import Rules

/// Rules that are legal but cannot do what they seem to say.
extension AgentLoop {
    /// A threshold counts reclaimed bytes, and some events never report any: removals on every engine, and
    /// every event of an engine whose adapter declares it reports none (Podman, containerd). Such a rule is
    /// journaled once, with the way out.
    mutating func warnAboutThresholds(engine: SourceIdentity?) {
        for rule in configuration.rules where rule.threshold > 0 && !warnedRules.contains(rule.name) {
            let reason: String
            if let engine, !engine.capabilities.reportsReclaimedBytes,
                rule.resources.contains(where: { $0 != FilesystemWatch.resource })
            {
                reason = "\(engine.displayName) reports no reclaimed bytes for any event"
            } else if !rule.actions.contains(where: [EventKind.prune, EventKind.freed].contains) {
                reason = "its actions (\(rule.actions.joined(separator: ", "))) are removals, which report no bytes"
            } else {
                continue
            }
            warnedRules.insert(rule.name)
            emit(
                .log(
                    .warning,
                    "rule \(rule.name) has threshold \(ByteCountText.decimal(rule.threshold)), but \(reason): its batch can only reach it through other events. To act on freed space whatever the engine says, select the filesystem source (resources = [\"filesystem\"] with a [filesystem] section).",
                    [:]))
        }
    }
}
