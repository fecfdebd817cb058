// swift-tools-version:6.1
import PackageDescription

// reclaimd's libFuzzer targets, a package of their own so that the normal build (`swift build --build-tests`, what
// CI runs) neither compiles them nor changes: they need every module built with `-sanitize=fuzzer,address`,
// which would rebuild everything, and they link libFuzzer's runtime. `scripts/fuzz` builds this package with
// `--scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address`, so reclaimd's modules (and
// SwiftNIO, which DockerAPI links) are instrumented here and only here.
//
// Each target has a `@main` that hands libFuzzer's driver (`LLVMFuzzerRunDriver`) its `LLVMFuzzerTestOneInput`:
// SwiftPM links executables with `--defsym main=<Target>_main` (so that tests can link them), which needs a Swift
// entry point; the usual `-parse-as-library` with no `main` fails there with an undefined `<Target>_main`.

/// Ours build like the root package's: warnings are errors.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

/// What the targets test, as the root package exports it for them.
let reclaimd = Target.Dependency.product(name: "ReclaimdFuzzable", package: "reclaimd")

let package = Package(
    name: "reclaimd-fuzz",
    products: [
        .executable(name: "FuzzEvents", targets: ["FuzzEvents"]),
        .executable(name: "FuzzConfig", targets: ["FuzzConfig"]),
        .executable(name: "FuzzFormats", targets: ["FuzzFormats"]),
        .executable(name: "FuzzContainerd", targets: ["FuzzContainerd"]),
    ],
    dependencies: [.package(name: "reclaimd", path: "..")],
    targets: [
        // libFuzzer's driver entry point (`LLVMFuzzerRunDriver`), declared for Swift; the runtime links it.
        .systemLibrary(name: "CLibFuzzer"),
        // The driver call, input helpers and the invariant check the targets share.
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], swiftSettings: strict),
        // The event stream: framing, decoding, Docker/Podman normalization, event JSON.
        .executableTarget(name: "FuzzEvents", dependencies: ["FuzzSupport", reclaimd], swiftSettings: strict),
        // The TOML reader and the configuration parser.
        .executableTarget(name: "FuzzConfig", dependencies: ["FuzzSupport", reclaimd], swiftSettings: strict),
        // Times, sizes and durations: parsing and formatting.
        .executableTarget(name: "FuzzFormats", dependencies: ["FuzzSupport", reclaimd], swiftSettings: strict),
        // containerd's event envelopes and payloads: protobuf decoding into neutral attributes (no gRPC is built).
        .executableTarget(
            name: "FuzzContainerd",
            dependencies: ["FuzzSupport", .product(name: "ReclaimdContainerdMessages", package: "reclaimd")],
            swiftSettings: strict
        ),
    ]
)
