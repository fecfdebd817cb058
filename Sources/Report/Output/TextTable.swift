/// Columns aligned for people: each column as wide as its widest cell, text left, numbers right.
struct TextTable {
    enum Alignment {
        case left, right
    }

    let alignments: [Alignment]
    private(set) var rows: [[String]] = []

    init(_ alignments: [Alignment]) {
        self.alignments = alignments
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    /// One line per row, columns two spaces apart, no trailing spaces.
    func lines(indent: String = "  ") -> [String] {
        var widths = [Int](repeating: 0, count: alignments.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                let padding = String(
                    repeating: " ", count: max(0, (column < widths.count ? widths[column] : 0) - cell.count))
                let alignment = column < alignments.count ? alignments[column] : .left
                return alignment == .left ? cell + padding : padding + cell
            }
            let line = indent + cells.joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }
}
