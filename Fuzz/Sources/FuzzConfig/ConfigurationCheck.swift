import Formats
import Time
import FuzzSupport
import Rules

/// The configuration parser: every error has a position inside the file and they come sorted; a configuration it
/// accepts holds only values in range, and the effective rules `reclaimd check` prints read back to the same rules.
enum ConfigurationCheck {
    static func check(_ source: String) {
        let parser = ConfigurationParser(file: "fuzz.toml", vocabulary: EventVocabulary(
            resources: ["container", "image", "volume", "network", "builder", "filesystem"]))
        let lineCount = source.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let configuration: AgentConfiguration
        do {
            configuration = try parser.parse(source)
        } catch {
            let errors = error.errors
            invariant(!errors.isEmpty, "refused without an error")
            let positioned = errors.allSatisfy {
                $0.line >= 1 && $0.line <= lineCount && $0.column >= 1 && $0.file == "fuzz.toml"
            }
            invariant(positioned, "an error outside the file: \(error)")
            invariant(errors.map { [$0.line, $0.column] }.lexicographicallyPrecedesOrEqual(),
                      "errors not sorted: \(error)")
            return
        }
        invariant(Set(configuration.rules.map(\.name)).count == configuration.rules.count, "two rules with one name")
        for rule in configuration.rules {
            let durations = [rule.quiet, rule.maxDelay, rule.cooldown, rule.timeout]
            invariant(durations.allSatisfy { $0 >= .zero && $0 <= DurationText.maximum },
                      "a duration out of range in \(rule)")
            invariant(rule.timeout > .zero, "a zero timeout in \(rule)")
            invariant(rule.hook.first?.hasPrefix("/") == true, "a hook that is not an absolute path in \(rule)")
            let effective = EffectiveRule.toml(rule)
            do {
                let again = try parser.parse(effective)
                invariant(again.rules == [rule], "the effective rule reads back differently:\n\(effective)")
            } catch {
                invariant(false, "the effective rule does not read back (\(error)):\n\(effective)")
            }
        }
    }
}

extension Array where Element == [Int] {
    /// Whether the pairs are in ascending order (equal neighbours allowed).
    fileprivate func lexicographicallyPrecedesOrEqual() -> Bool {
        zip(self, dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) }
    }
}
