/// Journal field names that journald keeps.
///
/// journald silently drops a field whose name is not uppercase ASCII letters, digits and `_`, starts with `_` or
/// a digit, or is longer than 64 bytes. Every name we send goes through here, so no field is ever lost.
public enum JournalFieldName {
    /// The prefix of every project field.
    public static let projectPrefix = "RECLAIMD_"
    /// journald's limit on a field name.
    public static let maximumLength = 64

    /// A project field: `request-id` → `RECLAIMD_REQUEST_ID`, `reclaimed_bytes` → `RECLAIMD_RECLAIMED_BYTES`.
    /// A key that already starts with the prefix (in any case) is not prefixed twice.
    public static func project(_ key: String) -> String {
        let body = sanitized(key)
        let name = body.hasPrefix(projectPrefix) ? body : projectPrefix + body
        return String(name.prefix(maximumLength))
    }

    /// Uppercase ASCII letters and digits kept, lowercase letters uppercased, everything else `_`.
    static func sanitized(_ key: String) -> String {
        var out = ""
        out.reserveCapacity(key.utf8.count)
        for scalar in key.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x30...0x39, 0x5F: out.unicodeScalars.append(scalar)
            case 0x61...0x7A: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x20) ?? "_")
            default: out += "_"
            }
        }
        return out
    }

    /// Whether journald accepts `name` as it is.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= maximumLength,
            first != UInt8(ascii: "_"), !(0x30...0x39).contains(first)
        else { return false }
        return name.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
}
