import Formats
import Time
import FuzzSupport

/// Timestamps: what parses formats and reads back, out of range is decided by the range alone, `TimeText` agrees
/// with the parsers it combines, and every `Int64` of nanoseconds formats in both forms and reads back.
enum TimeCheck {
    static func checkText(_ text: String) {
        let rfc3339 = Result { () throws(TextParseFailure) in try Timestamp.read(rfc3339: text) }
        switch rfc3339 {
        case .success(let time):
            invariant(Timestamp(rfc3339: time.rfc3339) == time, "\(text) -> \(time.rfc3339) does not read back")
            // Already in the canonical form (UTC, nine digits): formatting gives the text itself.
            if text.utf8.count == 30, text.hasSuffix("Z"), text.utf8.dropFirst(10).first == UInt8(ascii: "T") {
                invariant(time.rfc3339 == text, "\(text) formats as \(time.rfc3339)")
            }
        case .failure(.outOfRange):
            // Only the year can put a valid time out of range; in 2000 (a leap year) the same date and time exist.
            let moved = "2000" + text.dropFirst(4)
            invariant(Timestamp(rfc3339: moved) != nil, "\(text) is out of range but \(moved) does not parse")
        case .failure(.malformed):
            break
        }
        let unix = Result { () throws(TextParseFailure) in try Timestamp.read(unixSeconds: text) }
        switch unix {
        case .success(let time):
            invariant(Timestamp(unixSeconds: time.unixSecondsText) == time,
                      "\(text) -> \(time.unixSecondsText) does not read back")
        case .failure(.outOfRange):
            // A well-formed number: with its whole part replaced by 0, it is in range.
            let fractionPart = text.firstIndex(of: ".").map { text[$0...] } ?? ""
            invariant(Timestamp(unixSeconds: "0" + fractionPart) != nil, "\(text) is out of range but not a number")
        case .failure(.malformed):
            break
        }
        checkTimeText(text, rfc3339: rfc3339, unix: unix)
    }

    /// `TimeText` is the first form that reads, else the most specific failure; digits alone are never a duration.
    private static func checkTimeText(_ text: String, rfc3339: Result<Timestamp, TextParseFailure>,
                                      unix: Result<Timestamp, TextParseFailure>) {
        let combined = Result { () throws(TextParseFailure) in try TimeText.read(text) }
        let digitsOnly = !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        let duration: Result<Duration, TextParseFailure> =
            digitsOnly ? .failure(.malformed) : Result { () throws(TextParseFailure) in try DurationText.read(text) }
        let expected: Result<TimeText, TextParseFailure>
        if case .success(let time) = rfc3339 {
            expected = .success(.absolute(time))
        } else if case .success(let time) = unix {
            expected = .success(.absolute(time))
        } else if case .success(let ago) = duration {
            expected = .success(.ago(ago))
        } else {
            let failures = [rfc3339.failure, unix.failure, duration.failure].compactMap { $0 }
            expected = .failure(failures.first { $0 != .malformed } ?? .malformed)
        }
        invariant(combined == expected, "TimeText.read(\"\(text)\") is \(combined), expected \(expected)")
        if case .success(.ago(let ago)) = combined {
            let now = Timestamp(nanoseconds: 1_795_364_605_762_178_784)
            let resolved = Int128(now.nanoseconds) - Int128(ago.totalNanoseconds)
            invariant(Int128(TimeText.ago(ago).resolve(now: now).nanoseconds) == resolved,
                      "\(text) ago does not resolve exactly")
        }
    }

    static func checkNumber(_ number: UInt64) {
        let time = Timestamp(nanoseconds: Int64(bitPattern: number))
        invariant((0..<1_000_000_000).contains(time.nanosecondOfSecond),
                  "nanosecond of second \(time.nanosecondOfSecond)")
        invariant(Int128(time.seconds) * 1_000_000_000 + Int128(time.nanosecondOfSecond) == Int128(time.nanoseconds),
                  "seconds and nanoseconds of \(time.nanoseconds) do not add up")
        invariant(Timestamp(rfc3339: time.rfc3339) == time, "\(time.nanoseconds) -> \(time.rfc3339) does not read back")
        invariant(Timestamp(unixSeconds: time.unixSecondsText) == time, "\(time.unixSecondsText) does not read back")
        invariant(time.engineQueryValue.hasPrefix("\(time.seconds)."), "engine query value \(time.engineQueryValue)")
        let span = Timestamp.latest.duration(since: time)
        invariant(span == .nanoseconds(Int128(Int64.max) - Int128(time.nanoseconds)), "duration(since:) is not exact")
    }
}

extension Result {
    /// The error, if this is a failure.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
