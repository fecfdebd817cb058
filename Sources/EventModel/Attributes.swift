extension Dictionary where Key == String, Value == String {
    /// Calls `body` with each attribute in the order of its name: how event keys and the event JSON list them.
    ///
    /// Why not `sorted()`: engine events have one or two attributes, and sorting them allocated an array for
    /// every event, twice (key and JSON).
    @inlinable  // generic code across modules: specialized where it is called, not run through metadata
    public func forEachSortedByName(_ body: (String, String) -> Void) {
        switch count {
        case 0:
            return
        case 1:
            for (name, value) in self { body(name, value) }
        case 2:
            var pairs = makeIterator()
            guard let first = pairs.next(), let second = pairs.next() else { return }
            let (low, high) = first.key < second.key ? (first, second) : (second, first)
            body(low.key, low.value)
            body(high.key, high.value)
        default:
            for (name, value) in sorted(by: { $0.key < $1.key }) { body(name, value) }
        }
    }
}
