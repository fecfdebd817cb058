import JournalFormat
import CSystemd

import Glibc

/// The journal socket, written through `sd_journal_sendv`: the variadic `sd_journal_send` is not callable from
/// Swift, and iovecs carry values with newlines or binary bytes unchanged.
public enum SystemJournal {
    /// Where journald listens; `auto` targets choose the journal when it exists.
    public static let socketPath = "/run/systemd/journal/socket"

    /// Whether journald's socket exists.
    public static var isAvailable: Bool {
        access(socketPath, F_OK) == 0
    }

    /// Sends one entry; returns 0, or a negative errno when journald did not take it.
    static func send(_ fields: [[UInt8]]) -> Int32 {
        // One contiguous buffer keeps every iovec's pointer valid for the whole call.
        let buffer = fields.flatMap { $0 }
        return buffer.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -EINVAL }
            var iovecs: [iovec] = []
            iovecs.reserveCapacity(fields.count)
            var offset = 0
            for field in fields {
                iovecs.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: base + offset), iov_len: field.count))
                offset += field.count
            }
            return iovecs.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
    }
}
