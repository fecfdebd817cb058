import Formats
/// Parsing of the ways a person or an engine writes a point in time.
///
/// Every result is checked against what `Int64` nanoseconds hold (`Timestamp.earliest` to `Timestamp.latest`):
/// a well-formed time outside that range is `TextParseFailure.outOfRange`, never an overflow trap.
extension Timestamp {
    /// Parses RFC 3339, e.g. `2026-11-22T16:14:30Z`, `2026-11-22T17:14:30.5+01:00`.
    ///
    /// Returns nil when the text is not RFC 3339, names a date that does not exist, or lies outside the range.
    public init?(rfc3339 text: String) {
        guard let time = try? Self.read(rfc3339: text) else { return nil }
        self = time
    }

    /// Parses Unix seconds with an optional fraction, e.g. `1795364605` or `1795364605.7105`.
    ///
    /// Returns nil when the text is not such a number or lies outside the range.
    public init?(unixSeconds text: String) {
        guard let time = try? Self.read(unixSeconds: text) else { return nil }
        self = time
    }

    /// Parses RFC 3339, saying whether a refused text was malformed or out of range.
    public static func read(rfc3339 text: String) throws(TextParseFailure) -> Timestamp {
        var scanner = DigitScanner(text)
        guard let year = scanner.digits(exactly: 4), scanner.take("-"),
            let month = scanner.digits(exactly: 2), scanner.take("-"),
            let day = scanner.digits(exactly: 2),
            scanner.take("T") || scanner.take("t") || scanner.take(" "),
            let hour = scanner.digits(exactly: 2), scanner.take(":"),
            let minute = scanner.digits(exactly: 2), scanner.take(":"),
            let second = scanner.digits(exactly: 2)
        else { throw .malformed }
        var fraction: Int64 = 0
        if scanner.take(".") {
            guard let (value, _) = scanner.fraction() else { throw .malformed }
            fraction = value
        }
        let offsetSeconds = try utcOffset(&scanner)
        guard scanner.isAtEnd else { throw .malformed }
        let date = CivilDate(year: year, month: month, day: day)
        guard (1...12).contains(month), day >= 1, day <= date.daysInMonth,
            hour < 24, minute < 60, second < 61
        else { throw .malformed }
        // At most 9999 years from year 0 in seconds: far inside Int64, so only the nanoseconds need checking.
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        return try exactly(seconds: Int128(seconds), nanoseconds: Int128(fraction))
    }

    /// Parses Unix seconds, saying whether a refused text was malformed or out of range.
    ///
    /// Any number of digits is read, so that `1795364605000` (milliseconds by mistake) is out of range rather than
    /// malformed.
    public static func read(unixSeconds text: String) throws(TextParseFailure) -> Timestamp {
        var scanner = DigitScanner(text)
        let negative = scanner.take("-")
        guard let whole = scanner.digitRun() else { throw .malformed }
        var fraction: Int64 = 0
        if scanner.take(".") {
            guard let (value, _) = scanner.fraction() else { throw .malformed }
            fraction = value
        }
        guard scanner.isAtEnd else { throw .malformed }
        // More than 20 digits (bar leading zeros) is far out of range; fewer always fit in Int128 as nanoseconds.
        let significant = whole.drop { $0 == 48 }
        guard significant.count <= 20 else { throw .outOfRange(accepted: rangeDescription) }
        let seconds = significant.reduce(Int128(0)) { $0 * 10 + Int128($1 - 48) }
        let nanoseconds = seconds * 1_000_000_000 + Int128(fraction)
        return try exactly(seconds: 0, nanoseconds: negative ? -nanoseconds : nanoseconds)
    }

    /// `Z`, `z`, or `+HH:MM` / `-HH:MM`, as seconds east of UTC.
    private static func utcOffset(_ scanner: inout DigitScanner) throws(TextParseFailure) -> Int64 {
        if scanner.take("Z") || scanner.take("z") { return 0 }
        guard let sign = scanner.takeSign(),
            let hours = scanner.digits(exactly: 2), scanner.take(":"),
            let minutes = scanner.digits(exactly: 2),
            hours < 24, minutes < 60
        else { throw .malformed }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// The time `seconds` and `nanoseconds` after the epoch, or out of range, computed in 128 bits so that no
    /// intermediate value can overflow (a time just after `earliest` has whole seconds just below it).
    private static func exactly(seconds: Int128, nanoseconds: Int128) throws(TextParseFailure) -> Timestamp {
        guard let total = Int64(exactly: seconds * 1_000_000_000 + nanoseconds) else {
            throw .outOfRange(accepted: rangeDescription)
        }
        return Timestamp(nanoseconds: total)
    }
}
