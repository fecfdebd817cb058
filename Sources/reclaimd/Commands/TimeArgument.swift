import ArgumentParser
import Formats
import Time

/// `--since` and `--until`: a `TimeText`, refused with a message that says what was wrong.
///
/// An `@Option(transform:)` rather than `ExpressibleByArgument`, whose failable initializer cannot say why: the
/// thrown message follows ArgumentParser's "The value '…' is invalid for '--since <time>': ", and the exit status
/// is still 64 (usage).
enum TimeArgument {
    static func parse(_ argument: String) throws -> TimeText {
        do throws(TextParseFailure) {
            return try TimeText.read(argument)
        } catch {
            switch error {
            case .malformed: throw ValidationError("expected \(TimeText.acceptedForms)")
            case .outOfRange(let accepted): throw ValidationError("out of range: accepted \(accepted)")
            }
        }
    }
}
