/// fstrim's report of one filesystem, as `fstrim -v` prints it and the shipped fstrim hook passes on:
/// `/var/lib/docker: 181.9 MiB (190755840 bytes) trimmed`, with ` on /dev/sda1` appended under `--all`.
///
/// The exact count in parentheses is what is read; the human size before it is fstrim's own rounding.
public struct FstrimLine: Sendable, Equatable {
    /// The mount point or path trimmed.
    public var path: String
    /// The bytes fstrim says it discarded.
    public var bytes: UInt64

    public init(path: String, bytes: UInt64) {
        self.path = path
        self.bytes = bytes
    }

    /// The report in `line`, or nil when the line is anything else.
    public init?(_ line: some StringProtocol) {
        let text = Substring(line)
        guard let marker = text.firstRange(of: " bytes) trimmed") else { return nil }
        let rest = text[marker.upperBound...]
        guard rest.isEmpty || rest.hasPrefix(" on ") else { return nil }
        let beforeMarker = text[..<marker.lowerBound]
        guard let open = beforeMarker.lastIndex(of: "("),
            let bytes = Self.count(beforeMarker[beforeMarker.index(after: open)...]),
            // The size before the parentheses has no ": ", so the last one ends the path.
            let colon = beforeMarker[..<open].ranges(of: ": ").last
        else { return nil }
        let path = beforeMarker[..<colon.lowerBound]
        guard !path.isEmpty else { return nil }
        self.init(path: String(path), bytes: bytes)
    }

    /// ASCII digits only, as fstrim prints a `uint64_t`.
    private static func count(_ digits: Substring) -> UInt64? {
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return UInt64(digits)
    }
}
