/// A `keep` pattern: a glob on `repository:tag` (or a container's name) where `*` matches any run of
/// characters, `/` included, and `?` one character. `"*:stable"` keeps every `stable` tag.
public struct ReferencePattern: Sendable, Equatable {
    public let pattern: String
    private let characters: [Character]

    public init(_ pattern: String) {
        self.pattern = pattern
        characters = Array(pattern)
    }

    /// Whether `text` matches the whole pattern.
    public func matches(_ text: String) -> Bool {
        let subject = Array(text)
        var (p, s) = (0, 0)
        var star: Int?
        var resume = 0
        while s < subject.count {
            if p < characters.count, characters[p] == "?" || characters[p] == subject[s] {
                p += 1
                s += 1
            } else if p < characters.count, characters[p] == "*" {
                star = p
                resume = s
                p += 1
            } else if let starAt = star {
                p = starAt + 1
                resume += 1
                s = resume
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }

    /// Whether any of `patterns` matches any of `texts`.
    public static func anyMatch(_ patterns: [ReferencePattern], _ texts: [String]) -> Bool {
        patterns.contains { pattern in texts.contains(where: pattern.matches) }
    }
}
