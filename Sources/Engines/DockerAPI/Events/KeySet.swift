import EngineAdapter
/// The names already read in one object: a repeated one is declined, since which value wins is `JSONDecoder`'s to say.
struct KeySet {
    private var bits: UInt16 = 0

    mutating func insert(_ name: EventKeyName) throws(EventLineParser.Declined) {
        guard name != .other else { return }
        let bit: UInt16 = 1 << UInt16(name.rawValue)
        guard bits & bit == 0 else { throw EventLineParser.Declined() }
        bits |= bit
    }
}
