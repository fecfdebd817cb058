/// A non-negative decimal number as written, `W` or `W.F`, kept as its digits so that scaling it by a unit is
/// exact however many digits it has: `10000000000ms` must not overflow on the way to a value that fits, and
/// `0.0000000001TiB` is 109 bytes, not 0.
public struct DecimalNumber {
    /// ASCII digits before the point; at least one.
    public var whole: ArraySlice<UInt8>
    /// ASCII digits after the point; empty when there is no point.
    public var fraction: ArraySlice<UInt8>

    /// Whether it was written with a fractional part.
    public var hasFraction: Bool { !fraction.isEmpty }

    /// The value times `unit`, rounded down; nil when that exceeds `UInt64.max`.
    ///
    /// `unit` must be at most `UInt64.max / 10` (units here are at most an hour in nanoseconds).
    public func scaled(by unit: UInt64) -> UInt64? {
        var wholeValue: UInt64 = 0
        for byte in whole {
            let (times10, overflow1) = wholeValue.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 48))
            if overflow1 || overflow2 { return nil }
            wholeValue = sum
        }
        let (wholePart, overflow3) = wholeValue.multipliedReportingOverflow(by: unit)
        if overflow3 { return nil }
        // The fraction times the unit, as long multiplication from the last digit: what carries past the point is
        // the whole part of the product. Each carry stays below `unit`, so `digit * unit + carry` cannot overflow.
        var carry: UInt64 = 0
        for byte in fraction.reversed() {
            carry = (UInt64(byte - 48) * unit + carry) / 10
        }
        let (total, overflow4) = wholePart.addingReportingOverflow(carry)
        return overflow4 ? nil : total
    }
}
