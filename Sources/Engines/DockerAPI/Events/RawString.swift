import EngineAdapter
/// A string token of the line: where its text is, and whether it holds escapes (then it must be decoded).
struct RawString {
    var start: Int
    var count: Int
    var escaped: Bool
}
