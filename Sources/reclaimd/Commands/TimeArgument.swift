import ArgumentParser
import Formats

/// A point in time on the command line: RFC 3339, Unix seconds, or a duration meaning "that long ago".
struct TimeArgument: ExpressibleByArgument, Sendable {
    /// How the value was written, resolved against the clock when the command starts.
    enum Form: Sendable {
        case absolute(Timestamp)
        case ago(Duration)
    }

    let form: Form

    init?(argument: String) {
        if let time = Timestamp(rfc3339: argument) {
            form = .absolute(time)
        } else if let time = Timestamp(unixSeconds: argument) {
            form = .absolute(time)
        } else if !argument.allSatisfy(\.isNumber), let duration = DurationText.parse(argument) {
            form = .ago(duration)
        } else {
            return nil
        }
    }

    /// The time this argument names, with durations counted back from `now`.
    func resolve(now: Timestamp) -> Timestamp {
        switch form {
        case .absolute(let time): return time
        case .ago(let duration): return now.advanced(by: .zero - duration)
        }
    }

    static var defaultValueDescription: String { "" }

    static var allValueStrings: [String] { [] }
}

extension TimeArgument {
    /// What `--help` and errors say the accepted forms are.
    static let formsHelp = "RFC 3339 (2026-11-22T16:14:30Z), Unix seconds (1795364605.5), or a duration ago (90s, 10m, 2h)"
}
