import Rules

extension ConfigurationParser {
    /// Every error `parse` reports for `source`, as `FILE:LINE:COLUMN: message`; none when it is accepted.
    func errors(_ source: String) -> [String] {
        do {
            _ = try parse(source)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }
}
