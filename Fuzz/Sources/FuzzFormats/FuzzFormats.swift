import FuzzSupport

/// Times, durations and sizes: every parser on the input as text, against independent oracles where there is
/// one, and the formatters on the input's first 8 bytes as a number, read back by the parsers.
@main
enum FuzzFormats {
    static func main() {
        FuzzDriver.run(fuzzFormats)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormats(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text
    TimeCheck.checkText(text)
    DurationCheck.checkText(text)
    SizeCheck.checkText(text)
    TimeCheck.checkNumber(input.leadingWord)
    DurationCheck.checkNumber(input.leadingWord)
    SizeCheck.checkNumber(input.leadingWord, choice: input.seed)
    return 0
}
