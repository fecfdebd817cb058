import Formats
import Time
import Testing

@Suite("ByteCountText")
struct ByteCountTextTests {
    @Test(
        "prints decimal units with one fraction digit, rounding half up",
        arguments: [
            (UInt64(0), "0 B"),
            (999, "999 B"),
            (1000, "1.0 kB"),
            (1049, "1.0 kB"),
            (1050, "1.1 kB"),
            (2_097_152, "2.1 MB"),
            (9_322_288, "9.3 MB"),
            (999_949, "999.9 kB"),
            (999_950, "1.0 MB"),
            (1_000_000_000_000, "1.0 TB"),
            (UInt64.max, "18.4 EB"),
        ])
    func decimal(bytes: UInt64, expected: String) {
        #expect(ByteCountText.decimal(bytes) == expected)
    }

    @Test("adds the exact count")
    func exact() {
        #expect(ByteCountText.decimalWithExact(9_322_288) == "9.3 MB (9322288 bytes)")
    }
}
