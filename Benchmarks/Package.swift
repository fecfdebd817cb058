// swift-tools-version:6.1
import PackageDescription

/// The in-process benchmark of the event path (framing, decoding, normalizing, rule matching): `swift package
/// benchmark` in this directory. A package of its own, depending on the root by path, so that the root's
/// `swift build --build-tests` (CI) never builds package-benchmark.
let package = Package(
    name: "reclaimd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "reclaimd", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "EventPipeline",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ReclaimdEventPath", package: "reclaimd"),
            ],
            path: "Benchmarks/EventPipeline",
            swiftSettings: [.unsafeFlags(["-warnings-as-errors"])],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
