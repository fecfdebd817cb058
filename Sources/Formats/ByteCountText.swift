/// Byte counts as people read them.
public enum ByteCountText {
    private static let decimalUnits = ["kB", "MB", "GB", "TB", "PB", "EB"]

    /// Decimal (SI) units with one fraction digit, as Docker prints sizes: `9.3 MB`, `512 B`, `1.0 kB`.
    ///
    /// Integer arithmetic throughout, rounding half up, so every `UInt64` prints without loss of sense.
    public static func decimal(_ bytes: UInt64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        var scale: UInt64 = 1000
        var unitIndex = 0
        while true {
            let tenthUnit = scale / 10
            let tenths = bytes / tenthUnit + (bytes % tenthUnit >= tenthUnit / 2 ? 1 : 0)
            if tenths < 10_000 || unitIndex + 1 == decimalUnits.count {
                return "\(tenths / 10).\(tenths % 10) \(decimalUnits[unitIndex])"
            }
            scale *= 1000
            unitIndex += 1
        }
    }

    /// The human form followed by the exact count: `9.3 MB (9322288 bytes)`.
    public static func decimalWithExact(_ bytes: UInt64) -> String {
        "\(decimal(bytes)) (\(bytes) bytes)"
    }
}
