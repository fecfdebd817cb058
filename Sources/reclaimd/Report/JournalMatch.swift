import ArgumentParser

/// A `--match FIELD=value` of `report`, checked before sd-journal sees it.
enum JournalMatch {
    /// Fields `report` matches itself; a user's match on them would widen the selection (same field: OR).
    static let reserved: Set<String> = ["SYSLOG_IDENTIFIER", "MESSAGE_ID"]

    /// A field name as journald keeps it (uppercase letters, digits, `_`; trusted fields start with `_`), then `=`.
    static func validate(_ match: String) throws {
        guard let equals = match.firstIndex(of: "=") else {
            throw ValidationError("--match \"\(match)\" is not FIELD=value")
        }
        let field = match[..<equals]
        let valid =
            !field.isEmpty && field.utf8.count <= 64
            && field.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
            && !(field.utf8.first.map { (0x30...0x39).contains($0) } ?? true)
        guard valid else {
            throw ValidationError(
                "--match \"\(match)\": \(field) is not a journal field name (uppercase letters, digits and _)")
        }
        guard !reserved.contains(String(field)) else {
            throw ValidationError("--match \(field)=...: report already selects reclaimd's entries by \(field)")
        }
    }
}
