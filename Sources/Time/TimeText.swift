import Formats
/// A point in time as a person writes it on the command line (`--since`, `--until`): RFC 3339, Unix seconds, or a
/// duration meaning "that long ago". Pure, so the command's parsing is unit-tested and fuzzed here.
public enum TimeText: Sendable, Hashable {
    /// A time written out.
    case absolute(Timestamp)
    /// A duration before the moment the command starts.
    case ago(Duration)

    /// What `--help` and errors say the accepted forms are.
    public static let acceptedForms =
        "RFC 3339 (2026-11-22T16:14:30Z), Unix seconds (1795364605.5), or a duration ago (90s, 10m, 2h)"

    /// Reads any of the three forms, saying for a refused text whether it was malformed or, in the form it was
    /// written in, out of range (and which range).
    ///
    /// The forms cannot be mistaken for each other: RFC 3339 has dashes and colons, Unix seconds only digits
    /// (and a point, and a leading minus), a duration ends in a unit. Digits alone are always Unix seconds.
    public static func read(_ text: String) throws(TextParseFailure) -> TimeText {
        var failure = TextParseFailure.malformed
        do throws(TextParseFailure) {
            return .absolute(try Timestamp.read(rfc3339: text))
        } catch {
            failure = mostSpecific(failure, error)
        }
        do throws(TextParseFailure) {
            return .absolute(try Timestamp.read(unixSeconds: text))
        } catch {
            failure = mostSpecific(failure, error)
        }
        if !DecimalText.isDigits(text) {
            do throws(TextParseFailure) {
                return .ago(try DurationText.read(text))
            } catch {
                failure = mostSpecific(failure, error)
            }
        }
        throw failure
    }

    /// The time this names, with a duration counted back from `now`.
    ///
    /// Cannot saturate for a command started after 1970: a duration is at most `Int64.max` nanoseconds, and
    /// `now` minus that stays above `Timestamp.earliest` while `now` is not negative.
    public func resolve(now: Timestamp) -> Timestamp {
        switch self {
        case .absolute(let time): time
        case .ago(let duration): now.advanced(by: .zero - duration)
        }
    }

    /// "Out of range" from the form the text was written in beats "malformed" from the forms it was not.
    private static func mostSpecific(_ current: TextParseFailure, _ new: TextParseFailure) -> TextParseFailure {
        if case .outOfRange = new { return new }
        return current
    }
}
