import Glibc

/// Gives back the pages of reclaimd's own code that start-up faulted in and waiting does not use.
///
/// Why: connected and idle, 10.5 MB of the packaged binary's 16.5 MB resident were pages of its text segment that
/// start-up touched (argument parsing, the runtime's metadata lookups, NIO's set-up; the kernel maps 64 KiB around
/// each fault) and never touched again. `MADV_PAGEOUT` (Linux 5.4) on that segment drops them: 6.0 MB resident
/// idle, measured (BENCHMARKS.md). The cost: the code the first events after it need is faulted back in, from the
/// page cache or, if the pages were evicted meanwhile, from disk.
public enum StartupPages {
    /// `MADV_PAGEOUT` from `linux/mman.h`.
    static let pageOut: Int32 = 21

    /// Advises the kernel to page out the executable's own code mappings; returns the bytes advised (0 when there
    /// is none or the kernel refuses, which changes nothing).
    @discardableResult
    public static func release() -> Int {
        guard case .success(let maps) = WholeFile.read("/proc/self/maps"), let executable = executablePath() else {
            return 0
        }
        var advised = 0
        for line in maps.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
            guard fields.count >= 6, Array(fields[1]) == Array("r-xp".utf8),
                String(decoding: Array(fields[5...].joined(separator: [UInt8(ascii: " ")])), as: UTF8.self)
                    == executable,
                let range = addressRange(fields[0])
            else { continue }
            let length = Int(range.upperBound - range.lowerBound)
            if madvise(UnsafeMutableRawPointer(bitPattern: UInt(range.lowerBound)), length, pageOut) == 0 {
                advised += length
            }
        }
        return advised
    }

    /// `/proc/self/exe`'s target.
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `start-end` in hex, as `/proc/self/maps` writes it.
    private static func addressRange(_ field: ArraySlice<UInt8>) -> Range<UInt64>? {
        let parts = field.split(separator: UInt8(ascii: "-"))
        guard parts.count == 2,
            let start = UInt64(String(decoding: parts[0], as: UTF8.self), radix: 16),
            let end = UInt64(String(decoding: parts[1], as: UTF8.self), radix: 16), end > start
        else { return nil }
        return start..<end
    }
}
