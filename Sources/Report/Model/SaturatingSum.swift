extension UInt64 {
    /// The sum, or `UInt64.max` where it would overflow: a damaged entry must not crash a report.
    func addingSaturating(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
