import JournalFormat
import Report
import Testing

@Suite("fstrim's report line")
struct FstrimLineTests {
    @Test(
        "reads the path and the exact byte count",
        arguments: [
            ("/var/lib/docker: 181.9 MiB (190755840 bytes) trimmed", "/var/lib/docker", UInt64(190_755_840)),
            ("/: 0 B (0 bytes) trimmed", "/", 0),
            ("/boot: 1.2 GiB (1288490188 bytes) trimmed on /dev/sda1", "/boot", 1_288_490_188),
            ("/mnt/a: b: 1 MiB (1048576 bytes) trimmed", "/mnt/a: b", 1_048_576),
            ("/x: 16 EiB (18446744073709551615 bytes) trimmed", "/x", UInt64.max),
        ])
    func reads(line: String, path: String, bytes: UInt64) {
        #expect(FstrimLine(line) == FstrimLine(path: path, bytes: bytes))
    }

    @Test(
        "anything else is not a report",
        arguments: [
            "", "trimmed", "skipped: 5 bytes reclaimed, below --min-bytes 10",
            "/x: 1 MiB (12a bytes) trimmed", "/x: 1 MiB ( bytes) trimmed", ": 1 MiB (5 bytes) trimmed",
            "/x: 1 MiB (5 bytes) trimmed and more", "/x 1 MiB (5 bytes) trimmed",
            "/x: 16 EiB (18446744073709551616 bytes) trimmed",
        ])
    func rejects(line: String) {
        #expect(FstrimLine(line) == nil)
    }
}
