/// The bytes libFuzzer hands a target, with the helpers targets use to derive further choices from them.
public struct FuzzInput: Sendable {
    /// The input, copied (libFuzzer's buffer is only valid during the call).
    public let bytes: [UInt8]

    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    /// The input as text; invalid UTF-8 becomes U+FFFD, as when reclaimd reads a file.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A seed that depends on every byte (64-bit FNV-1a), so that choices derived from it (such as where to split
    /// a stream) change as libFuzzer mutates the input, yet repeat exactly when a crash is reproduced.
    public var seed: UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    /// The first 8 bytes as a little-endian integer (zeros past the end), for targets that also test formatting.
    public var leadingWord: UInt64 {
        bytes.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// Chunk sizes that add up to the input's length, at split points chosen from `seed`: a stream delivered as
    /// the network might deliver it.
    public func chunkSizes(maximum: Int = 64) -> [Int] {
        var generator = SplitMix(seed: seed)
        var sizes: [Int] = []
        var rest = bytes.count
        while rest > 0 {
            let size = min(rest, Int(generator.next() % UInt64(maximum)) + 1)
            sizes.append(size)
            rest -= size
        }
        return sizes
    }
}
