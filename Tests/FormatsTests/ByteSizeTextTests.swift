import Formats
import Time
import Testing

@Suite("ByteSizeText")
struct ByteSizeTextTests {
    @Test(
        "parses integers and decimal and binary units, case-insensitive, with an optional space",
        arguments: [
            ("0", UInt64(0)), ("1024", 1024), ("1B", 1), ("1kB", 1000), ("1KB", 1000), ("2 MB", 2_000_000),
            ("1.5 GB", 1_500_000_000), ("1TB", 1_000_000_000_000), ("1KiB", 1024), ("1mib", 1_048_576),
            ("1GiB", 1_073_741_824), ("1.5GiB", 1_610_612_736), ("2TiB", 2_199_023_255_552), ("0.5 kb", 500),
            ("18446744073709551615", UInt64.max),
        ])
    func parses(text: String, bytes: UInt64) {
        #expect(ByteSizeText.parse(text) == bytes)
    }

    @Test(
        "rejects everything else",
        arguments: [
            "", "GB", "-1", "1.5", "1 ", " 1GB", "1  GB", "1PB", "1 gigabyte", "1e9", "18446744073709551616",
            "20000000TB", "1GB2",
        ])
    func rejects(text: String) {
        #expect(ByteSizeText.parse(text) == nil)
    }
}
