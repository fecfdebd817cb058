import SystemIO

import Glibc

/// A hook's stdin as an unlinked temporary file holding the whole batch.
///
/// Not a pipe: a hook may exit without reading its stdin, and a pipe would then fail the write with EPIPE (which
/// swift-subprocess 1.0.2 turns into a fatal error, seen here); a pipe also blocks past its 64 KiB buffer. A file
/// is read at the hook's pace, or not at all. The name is removed at once, so nothing is left on disk.
enum StdinFile {
    /// A descriptor positioned at the start of a file holding `bytes`; the caller owns it.
    static func make(_ bytes: [UInt8], directory: String = temporaryDirectory) throws(HookError) -> Int32 {
        var template = Array("\(directory)/reclaimd-stdin-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw HookError(
                message: "cannot create the hook's stdin file in \(directory): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { unlink(base) }
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let failure = WriteAll.write(bytes, to: descriptor)
        guard failure == 0 else {
            close(descriptor)
            throw HookError(message: "cannot write the hook's stdin file: \(String(cString: strerror(failure)))")
        }
        lseek(descriptor, 0, SEEK_SET)
        return descriptor
    }

    /// `$TMPDIR`, else /tmp (private to the service under PrivateTmp=).
    static var temporaryDirectory: String {
        if let directory = getenv("TMPDIR").map({ String(cString: $0) }), directory.hasPrefix("/") { return directory }
        return "/tmp"
    }
}
