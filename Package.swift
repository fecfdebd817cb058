// swift-tools-version:6.1
import PackageDescription

/// Our own targets build with warnings as errors: "no warnings" is checked, not hoped for.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "reclaimd",
    products: [
        .executable(name: "reclaimd", targets: ["reclaimd"]),
        // For the fuzz targets in Fuzz/, a separate package (see Fuzz/Package.swift): the pure modules they exercise.
        .library(name: "ReclaimdFuzzable", targets: ["Formats", "EventModel", "EngineAPI", "Rules", "TOML"]),
        // The event path without I/O, for the in-process benchmark (Benchmarks/, a package of its own so that CI's
        // `swift build --build-tests` never builds the benchmark harness).
        .library(name: "ReclaimdEventPath", targets: ["Formats", "EventModel", "EngineAPI", "Rules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Without its default SubprocessFoundation trait, which would link all of Foundation (~12 MB resident).
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2", traits: []),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        // Metrics (`[metrics]`): the swift-metrics API and its Prometheus backend, used only when configured.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // libsystemd: sd-journal and sd-daemon, through a system-library target.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // Pure text formats shared by every layer: times, byte counts, durations, JSON text.
        .target(name: "Formats", swiftSettings: strict),
        // reclaimd's own TOML 1.0 reader, keeping every key's position; on its own so its conformance suite can be
        // built and run without the rest, and it needs nothing else.
        .target(name: "TOML", swiftSettings: strict),
        // The few POSIX file operations several modules need: write a whole buffer, read a whole file.
        .target(name: "SystemIO", swiftSettings: strict),
        // The common event model every event source reports in: the event, its key. No I/O.
        .target(name: "EventModel", dependencies: ["Formats"], swiftSettings: strict),
        // The engine client: endpoint, HTTP/1.1 over NIO, version negotiation, the event stream and its model.
        .target(
            name: "EngineAPI",
            dependencies: [
                "EventModel",
                "Formats",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Configuration and the rule state machine: pure, no I/O.
        .target(
            name: "Rules",
            dependencies: ["Formats", "TOML"],
            swiftSettings: strict
        ),
        // Garbage-collection policies: the inventory model and the decision (what to remove, in which order). Pure.
        .target(name: "Policies", dependencies: ["Formats", "EventModel", "Rules"], swiftSettings: strict),
        // Running a hook: argv, environment, stdin, output lines, timeout, process group; and checking hook files.
        .target(
            name: "Hooks",
            dependencies: [
                "Formats",
                "SystemIO",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),
        // Whether a path the agent reads or runs is one only root (or the running user) controls: the judgement,
        // pure, apart from the walk that stats each entry on the way.
        .target(name: "PathTrust", swiftSettings: strict),
        // The systemd journal: structured writing with stderr fallback, a swift-log handler.
        .target(
            name: "Journal",
            dependencies: [
                "CSystemd",
                "Formats",
                "SystemIO",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The service manager and the journal as libsystemd exposes them: sd_notify, reading journal entries back.
        .target(name: "Systemd", dependencies: ["CSystemd"], swiftSettings: strict),
        // `reclaimd report`: reclaimd's own journal entries of a window, decoded (any version's) and summed up, and
        // the report as text and JSON. Pure: the command reads the journal and feeds it records.
        .target(name: "Report", dependencies: ["Formats", "EventModel", "Journal"], swiftSettings: strict),
        // Wiring the pieces into what the commands run: the event audit, and (later) services and state.
        .target(
            name: "Agent",
            dependencies: [
                "SystemIO",
                "Policies",
                "EventModel",
                "EngineAPI",
                "Systemd",
                "Journal",
                "Rules",
                "Hooks",
                "PathTrust",
                "Formats",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // `[metrics]`: the agent's metrics through swift-metrics into swift-prometheus, served on `GET /metrics`
        // and written to a textfile. Only `run` with `[metrics]` makes any of it.
        .target(
            name: "MetricsExport",
            dependencies: [
                "Agent",
                "Rules",
                "Formats",
                "SystemIO",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "reclaimd",
            dependencies: [
                "SystemIO",
                "Policies",
                "EventModel",
                "Agent",
                "MetricsExport",
                "Rules",
                "Journal",
                "Systemd",
                "Report",
                "EngineAPI",
                "Formats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"], swiftSettings: strict),
        .testTarget(name: "SystemIOTests", dependencies: ["SystemIO"], swiftSettings: strict),
        .testTarget(
            name: "EngineAPITests",
            dependencies: [
                "EngineAPI",
                "EventModel",
                "TestSupport",
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "JournalTests", dependencies: ["Journal"], swiftSettings: strict),
        .testTarget(name: "HooksTests", dependencies: ["Hooks"], swiftSettings: strict),
        .testTarget(name: "PathTrustTests", dependencies: ["PathTrust"], swiftSettings: strict),
        .testTarget(
            name: "AgentTests",
            dependencies: ["Agent", "EngineAPI", "EventModel", "Formats", "Hooks", "Journal", "Rules", "MetricsExport", "Policies"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "MetricsExportTests", dependencies: ["MetricsExport", "Agent", "Formats"], swiftSettings: strict),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Formats", "Journal"], swiftSettings: strict),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Formats", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PoliciesTests", dependencies: ["Policies", "Rules", "Formats", "EventModel", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Agent",
                "EventModel",
                "Systemd",
                "Hooks",
                "Rules",
                "Journal",
                "EngineAPI",
                "Formats",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
