/// Finds where a request ends in the bytes as they arrive, and whether it grew past its limit first. Pure.
///
/// Keeps only the last few bytes seen (a terminator may be split across reads), never the request.
struct RequestEndScanner: Sendable {
    enum Result: Equatable {
        /// Not ended yet, within the limit.
        case incomplete
        /// The terminator arrived in these bytes.
        case ended
        /// More bytes than the limit arrived before the terminator.
        case tooLarge
        /// Bytes after the end (an HTTP body, say): not this scanner's concern.
        case after
    }

    let end: [UInt8]
    let limit: Int
    private var received = 0
    private var matched = 0
    private var done = false

    init(end: [UInt8], limit: Int) {
        self.end = end
        self.limit = limit
    }

    mutating func scan<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Result {
        guard !done else { return .after }
        for byte in bytes {
            received += 1
            if byte == end[matched] {
                matched += 1
            } else {
                // The terminators used (`\n`, `\r\n\r\n`) restart cleanly at their first byte.
                matched = byte == end[0] ? 1 : 0
            }
            if matched == end.count {
                done = true
                return .ended
            }
            if received >= limit { return .tooLarge }
        }
        return .incomplete
    }
}
