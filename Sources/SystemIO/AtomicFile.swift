import Glibc

/// Replacing a file's contents atomically: a reader sees the old file or the new one, never a part.
///
/// Writes `PATH.tmp` in the same directory, fsyncs it, renames it over `PATH` (atomic within one filesystem),
/// then fsyncs the directory so the rename survives a crash.
public enum AtomicFile {
    /// What failed, for the caller's message.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// e.g. `cannot write /var/lib/reclaimd/state.json.tmp: No space left on device`.
        public var description: String
    }

    /// Replaces `path` with `bytes`, the file getting `mode`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(Failure) {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot write \(temporary)", errno) }
        let written = WriteAll.write(bytes, to: descriptor)
        guard written == 0 else {
            close(descriptor)
            throw failure("cannot write \(temporary)", written)
        }
        fchmod(descriptor, mode)
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw failure("cannot fsync \(temporary)", code)
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw failure("cannot rename \(temporary) to \(path)", errno) }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func failure(_ what: String, _ code: Int32) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(code)))")
    }
}
