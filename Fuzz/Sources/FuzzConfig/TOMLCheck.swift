import Formats
import Time
import FuzzSupport
import TOML

/// The TOML reader: an error points inside the file; a document it accepts has keys that resolve, positions inside
/// the file, and scalars that read back the same when written as TOML (strings through `JSONText.quoted`, whose
/// escapes are a subset of TOML's, which is how `reclaimd check` writes them).
enum TOMLCheck {
    static func check(_ source: String) {
        let lineCount = source.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let root: TOMLTable
        do {
            root = try TOMLReader.parse(source)
        } catch {
            invariant(inside(error.position, lineCount), "syntax error outside the file: \(error)")
            invariant(!error.message.isEmpty, "syntax error without a message")
            return
        }
        var budget = 64  // scalars re-read per input, to keep executions fast
        walk(root, lineCount: lineCount, budget: &budget)
    }

    private static func inside(_ position: TOMLPosition, _ lineCount: Int) -> Bool {
        position.line >= 1 && position.line <= lineCount && position.column >= 1
    }

    private static func walk(_ table: TOMLTable, lineCount: Int, budget: inout Int) {
        invariant(Set(table.keys).count == table.keys.count, "a key listed twice: \(table.keys)")
        for key in table.keys {
            guard let entry = table[key] else {
                invariant(false, "key \"\(key)\" listed but not found")
                return
            }
            invariant(inside(entry.keyPosition, lineCount) && inside(entry.valuePosition, lineCount),
                      "position of \"\(key)\" outside the file: \(entry.keyPosition), \(entry.valuePosition)")
            walk(entry.value, lineCount: lineCount, budget: &budget)
        }
    }

    private static func walk(_ value: TOMLValue, lineCount: Int, budget: inout Int) {
        switch value {
        case .table(let table):
            walk(table, lineCount: lineCount, budget: &budget)
        case .array(let elements, _):
            for element in elements { walk(element, lineCount: lineCount, budget: &budget) }
        case .string, .integer, .float, .boolean:
            guard budget > 0 else { return }
            budget -= 1
            readsBack(value)
        }
    }

    /// `k = <value written as TOML>` reads back to the same value.
    private static func readsBack(_ value: TOMLValue) {
        let written: String
        switch value {
        case .string(let text): written = JSONText.quoted(text)
        case .integer(let number): written = String(number)
        case .float(let number) where number.isNaN: written = "nan"
        case .float(let number) where number.isInfinite: written = number < 0 ? "-inf" : "inf"
        case .float(let number): written = "\(number)"
        case .boolean(let flag): written = flag ? "true" : "false"
        case .array, .table: return
        }
        let again = try? TOMLReader.parse("k = \(written)\n")["k"]?.value
        invariant(same(again, value), "\(written) does not read back as the value it was written from")
    }

    private static func same(_ lhs: TOMLValue?, _ rhs: TOMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a)?, .string(let b)): a == b
        case (.integer(let a)?, .integer(let b)): a == b
        case (.float(let a)?, .float(let b)): a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        case (.boolean(let a)?, .boolean(let b)): a == b
        default: false
        }
    }
}
