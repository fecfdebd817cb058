import ArgumentParser
import Formats
import Time

/// Options that take a duration (`--hook-duration`, `--shutdown-grace`), refused with a message that says whether
/// the value was malformed or out of range (exit 64, usage).
enum DurationArgument {
    static func parse(_ text: String, option: String) throws -> Duration {
        do throws(TextParseFailure) {
            return try DurationText.read(text)
        } catch {
            switch error {
            case .malformed:
                throw ValidationError("\(option) \"\(text)\" is not \(DurationText.acceptedForms)")
            case .outOfRange(let accepted):
                throw ValidationError("\(option) \"\(text)\" is out of range: accepted \(accepted)")
            }
        }
    }
}
