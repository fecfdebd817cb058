/// Horizontal bars drawn with block characters, in eighths of a cell, for a terminal.
enum BarChart {
    private static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A bar `width` cells long for the largest value, proportionally shorter for others; a non-zero value is at
    /// least one eighth of a cell, so that it does not look like nothing.
    static func bar(_ value: UInt64, largest: UInt64, width: Int = 30) -> String {
        guard value > 0, largest > 0, width > 0 else { return "" }
        let scale = Double(value) / Double(largest)
        let eighths = max(1, Int((scale * Double(width * 8)).rounded()))
        return String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
    }
}
