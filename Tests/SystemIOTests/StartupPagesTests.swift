import SystemIO
import Testing

@Suite("StartupPages")
struct StartupPagesTests {
    /// Resident kB of this process's own code mappings, from `/proc/self/smaps`.
    private func residentCode() throws -> Int {
        guard case .success(let smaps) = WholeFile.read("/proc/self/smaps") else { throw Failure() }
        var total = 0
        var inCode = false
        for line in String(decoding: smaps, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 6, fields[0].contains("-") {
                inCode = fields[1] == "r-xp" && fields[5].hasSuffix(".xctest")
            } else if inCode, fields.first == "Rss:", let kilobytes = Int(fields[1]) {
                total += kilobytes
            }
        }
        return total
    }

    private struct Failure: Error {}

    @Test("advises the executable's own code, and what runs next faults back in what it needs")
    func release() throws {
        let before = try residentCode()
        #expect(StartupPages.release() > 0)
        let after = try residentCode()
        #expect(after < before, "resident code \(before) kB before, \(after) kB after")
        #expect((0..<1000).map { $0 * 2 }.reduce(0, +) == 999_000)
    }
}
