import Formats
import Glibc

/// A point in time as nanoseconds since the Unix epoch (UTC), the resolution engines report events in.
///
/// `Int64` nanoseconds cover 1677 to 2262, which is every time an engine can report.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanoseconds: Int64

    /// The earliest time `Int64` nanoseconds hold: 1677-09-21T00:12:43.145224192Z.
    public static let earliest = Timestamp(nanoseconds: .min)

    /// The latest time `Int64` nanoseconds hold: 2262-04-11T23:47:16.854775807Z.
    public static let latest = Timestamp(nanoseconds: .max)

    /// The range of times, exactly, in both accepted forms: what a message refusing a time names.
    public static let rangeDescription =
        "from \(earliest.rfc3339) to \(latest.rfc3339) (Unix seconds \(earliest.unixSecondsText) to \(latest.unixSecondsText))"

    /// Creates a timestamp from nanoseconds since the epoch.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Encoded as its nanoseconds since the epoch: exact, and what engines send as `timeNano`.
    public init(from decoder: any Decoder) throws {
        nanoseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(nanoseconds)
    }

    /// Creates a timestamp from whole seconds since the epoch.
    public init(seconds: Int64) {
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self.nanoseconds = overflow ? (seconds < 0 ? Int64.min : Int64.max) : product
    }

    /// The current wall-clock time.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanoseconds: Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec))
    }

    /// Whole seconds since the epoch, rounded toward negative infinity.
    public var seconds: Int64 {
        let (quotient, remainder) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The nanoseconds past `seconds`, always in `0..<1_000_000_000`.
    ///
    /// From the remainder, not as `nanoseconds - seconds * 10^9`: for times before 1677-09-21T00:12:44Z,
    /// `seconds * 10^9` is below `Int64.min` and would trap.
    public var nanosecondOfSecond: Int64 {
        let remainder = nanoseconds % 1_000_000_000
        return remainder < 0 ? remainder + 1_000_000_000 : remainder
    }

    /// The time moved by a duration (saturating at the representable range).
    public func advanced(by duration: Duration) -> Timestamp {
        let (result, overflow) = nanoseconds.addingReportingOverflow(duration.totalNanoseconds)
        if overflow { return Timestamp(nanoseconds: duration < .zero ? Int64.min : Int64.max) }
        return Timestamp(nanoseconds: result)
    }

    /// The duration from `other` to this time, exact: `Duration` holds the difference of any two timestamps,
    /// which `Int64` does not.
    public func duration(since other: Timestamp) -> Duration {
        .nanoseconds(nanoseconds) - .nanoseconds(other.nanoseconds)
    }

    /// Unix seconds as a decimal with nine fraction digits, e.g. `1795364605.500000000`, `-0.000000001`: the form
    /// `init(unixSeconds:)` reads back to the same time.
    public var unixSecondsText: String {
        let magnitude = nanoseconds.magnitude  // UInt64: also for Int64.min
        return
            "\(nanoseconds < 0 ? "-" : "")\(magnitude / 1_000_000_000).\(padded(Int64(magnitude % 1_000_000_000), width: 9))"
    }

    /// `seconds.nanoseconds`, the form the Docker Engine API takes in `since` and `until`.
    public var engineQueryValue: String {
        "\(seconds).\(padded(nanosecondOfSecond, width: 9))"
    }

    /// RFC 3339 in UTC with nine fraction digits, e.g. `2026-11-22T16:14:30.061770555Z`.
    public var rfc3339: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30)
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `rfc3339`'s text as UTF-8, without making a `String`: once per event on the output path.
    public func appendRFC3339(to bytes: inout [UInt8]) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        // Int64 nanoseconds span the years 1677 to 2262: the year is never negative.
        JSONText.appendDigits(date.year.magnitude, minimumWidth: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        JSONText.appendDigits(date.month.magnitude, minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        JSONText.appendDigits(date.day.magnitude, minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        JSONText.appendDigits((secondOfDay / 3600).magnitude, minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        JSONText.appendDigits((secondOfDay / 60 % 60).magnitude, minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        JSONText.appendDigits((secondOfDay % 60).magnitude, minimumWidth: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        JSONText.appendDigits(nanosecondOfSecond.magnitude, minimumWidth: 9, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    public var description: String { rfc3339 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}

extension Duration {
    /// The whole duration in nanoseconds, saturating at `Int64`'s range.
    public var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? Int64.min : Int64.max }
        return sum
    }
}

/// Left-pads a non-negative integer with zeros.
func padded(_ value: Int64, width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
