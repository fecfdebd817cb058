import FuzzSupport

/// Configuration files: the TOML reader, then reclaimd's strict configuration parser, on any text.
@main
enum FuzzConfig {
    static func main() {
        FuzzDriver.run(fuzzConfig)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = FuzzInput(data, size).text
    TOMLCheck.check(source)
    ConfigurationCheck.check(source)
    return 0
}
