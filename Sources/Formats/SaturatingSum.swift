extension UInt64 {
    /// The sum, or `UInt64.max` where it would overflow: a counter of bytes that sticks at its ceiling rather
    /// than trapping or wrapping to a small number (a damaged journal entry, an absurd engine report).
    public func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
