// swift-tools-version:6.1
import PackageDescription

/// Our own targets build with warnings as errors: "no warnings" is checked, not hoped for.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "reclaimd",
    products: [
        .executable(name: "reclaimd", targets: ["reclaimd"]),
        // For the fuzz targets in Fuzz/, a separate package (see Fuzz/Package.swift): the pure modules they exercise.
        .library(name: "ReclaimdFuzzable", targets: ["Formats", "Time", "EventModel", "DockerAPI", "Rules", "TOML"]),
        // The event path without I/O, for the in-process benchmark (Benchmarks/, a package of its own so that CI's
        // `swift build --build-tests` never builds the benchmark harness).
        .library(name: "ReclaimdEventPath", targets: ["Formats", "Time", "EventModel", "DockerAPI", "Rules"]),
        // containerd's messages and payload decoding without gRPC, for the fuzz target that decodes event payloads;
        // and the client, for measuring what it costs.
        .library(name: "ReclaimdContainerdMessages", targets: ["ContainerdMessages"]),
        .library(name: "ReclaimdContainerd", targets: ["ContainerdAPI"]),
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
        // containerd's gRPC API (ContainerdAPI): gRPC's core, its HTTP/2 transport over NIOPosix (unix sockets), the
        // protobuf codec, and the protobuf runtime the committed generated code was made for (same versions as
        // scripts/generate-containerd-api's plugins).
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
    ],
    targets: [
        // libsystemd: sd-journal and sd-daemon, through a system-library target.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // Pure text formats shared by every layer: byte counts and sizes, decimals, JSON text, line framing.
        .target(name: "Formats", swiftSettings: strict),
        // Time: wall-clock timestamps (nanoseconds, RFC 3339), the monotonic clock, calendar days, durations and
        // the time arguments' text forms.
        .target(name: "Time", dependencies: ["Formats"], swiftSettings: strict),
        // reclaimd's own TOML 1.0 reader, keeping every key's position; on its own so its conformance suite can be
        // built and run without the rest, and it needs nothing else.
        .target(name: "TOML", swiftSettings: strict),
        // The few POSIX file operations several modules need: write a whole buffer, read a whole file.
        .target(name: "SystemIO", swiftSettings: strict),
        // The common event model every event source reports in: the event, its key. No I/O.
        .target(name: "EventModel", dependencies: ["Formats", "Time"], swiftSettings: strict),
        // Configuration and the rule state machine: pure, no I/O.
        .target(
            name: "Rules",
            dependencies: ["Formats", "Time", "TOML"],
            swiftSettings: strict
        ),
        // Garbage-collection policies: the inventory model and the decision (what to remove, in which order). Pure.
        .target(name: "Policies", dependencies: ["Formats", "Time", "EventModel", "Rules"], swiftSettings: strict),
        // Running a hook: argv, environment, stdin, output lines, timeout, process group; and checking hook files.
        .target(
            name: "Hooks",
            dependencies: [
                "Formats", "Time",
                "SystemIO",
                "Rules",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),
        // The journal format: every field name, MESSAGE_ID and entry shape reclaimd writes, owned here so that the
        // writers and `report` cannot disagree. Pure: no libsystemd.
        .target(
            name: "JournalFormat",
            dependencies: ["Formats", "Time", "EventModel", "Rules", "Policies"],
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
                "Formats", "Time",
                "SystemIO",
                "JournalFormat",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The process's one NIO event-loop thread, shared by the engine connections and the agent's listeners.
        .target(
            name: "EventLoop",
            dependencies: [.product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: strict
        ),
        // Engines. The seam every engine adapter implements (events in the common model, follow requests,
        // capabilities, garbage collection's inventory and removals), and the pieces every adapter shares.
        .target(
            name: "EngineAdapter",
            dependencies: [
                "EventModel",
                "Formats", "Time",
                "Rules",
                "Policies",
                "JournalFormat",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Engines/Adapter",
            swiftSettings: strict
        ),
        // Docker's Engine API, which Podman speaks too: HTTP/1.1 over NIO, version negotiation, the event stream
        // and its two dialects, the inventory and removals; the adapter.
        .target(
            name: "DockerAPI",
            dependencies: [
                "EngineAdapter",
                "EventLoop",
                "EventModel",
                "Formats", "Time",
                "Rules",
                "Policies",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Engines/DockerAPI",
            swiftSettings: strict
        ),
        // The filesystem as an event source: free space sampled with statvfs.
        .target(
            name: "FilesystemSource",
            dependencies: ["EngineAdapter", "EventModel", "Formats", "Time", "Rules", "SystemIO",
                           .product(name: "Logging", package: "swift-log")],
            path: "Sources/Engines/Filesystem",
            swiftSettings: strict
        ),
        // The engines this build knows, discovery among them, and the engine and filesystem sources followed as one.
        .target(
            name: "EngineRegistry",
            dependencies: ["EngineAdapter", "DockerAPI", "ContainerdEngine", "FilesystemSource", "JournalFormat", "Rules",
                           "SystemIO", .product(name: "Logging", package: "swift-log")],
            path: "Sources/Engines/Registry",
            swiftSettings: strict
        ),
        // The service manager and the journal as libsystemd exposes them: sd_notify, reading journal entries back.
        .target(name: "Systemd", dependencies: ["CSystemd"], swiftSettings: strict),
        // `reclaimd report`: reclaimd's own journal entries of a window, decoded (any version's) and summed up, and
        // the report as text and JSON. Pure: the command reads the journal and feeds it records.
        .target(name: "Report", dependencies: ["Formats", "Time", "EventModel", "JournalFormat"], swiftSettings: strict),
        // The agent's pure core: the loop (inputs and clock readings in, effects out), its state and status models,
        // what hooks are told. No I/O: the runtime performs what it decides.
        .target(
            name: "AgentCore",
            dependencies: [
                "EventModel",
                "EngineAdapter",
                "JournalFormat",
                "Policies",
                "Rules",
                "Formats", "Time",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The agent's runtime: the driver that performs the loop's effects (journal, hooks, timers, sources, state
        // file, garbage collection through the engine's adapter), the service, the status socket.
        .target(
            name: "AgentRuntime",
            dependencies: [
                "AgentCore",
                "EventLoop",
                "SystemIO",
                "Policies",
                "EventModel",
                "EngineAdapter",
                "EngineRegistry",
                "Systemd",
                "Journal",
                "JournalFormat",
                "Rules",
                "Hooks",
                "PathTrust",
                "Formats", "Time",
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
                "AgentCore",
                "AgentRuntime",
                "Rules",
                "Formats", "Time",
                "SystemIO",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // containerd's API messages (Generated/, made by scripts/generate-containerd-api) and the decoding of event
        // envelopes into neutral values. Protobuf only: no gRPC, no I/O.
        .target(
            name: "ContainerdMessages",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            path: "Sources/Engines/Containerd/Messages",
            swiftSettings: strict
        ),
        // containerd's gRPC API on its unix socket: the generated clients (Generated/, made by
        // scripts/generate-containerd-api) and a thin client over them. Knows gRPC and containerd, not reclaimd's rules.
        .target(
            name: "ContainerdAPI",
            dependencies: [
                "ContainerdMessages",
                "SystemIO",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Engines/Containerd/API",
            swiftSettings: strict
        ),
        // containerd as an engine adapter: its events in the common model, garbage collection of its images.
        .target(
            name: "ContainerdEngine",
            dependencies: ["ContainerdAPI", "EngineAdapter", "EventModel", "Policies", "Rules", "Time",
                           .product(name: "Logging", package: "swift-log")],
            path: "Sources/Engines/Containerd/Adapter",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "reclaimd",
            dependencies: [
                "SystemIO",
                "Policies",
                "EventModel",
                "AgentCore",
                "AgentRuntime",
                "MetricsExport",
                "Rules",
                "Journal",
                "Systemd",
                "Report",
                "EngineAdapter",
                "EngineRegistry",
                "DockerAPI",
                "FilesystemSource",
                "JournalFormat",
                "Formats", "Time",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Time", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "TOMLTests", dependencies: ["TOML"], swiftSettings: strict),
        .testTarget(name: "SystemIOTests", dependencies: ["SystemIO"], swiftSettings: strict),
        .testTarget(name: "EngineRegistryTests", dependencies: ["EngineRegistry", "EngineAdapter"], swiftSettings: strict),
        .testTarget(
            name: "DockerAPITests",
            dependencies: [
                "DockerAPI",
                "EngineAdapter",
                "EventModel",
                "TestSupport",
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "JournalFormat", "EventModel", "Time"], swiftSettings: strict),
        .testTarget(name: "HooksTests", dependencies: ["Hooks", "Rules"], swiftSettings: strict),
        .testTarget(name: "PathTrustTests", dependencies: ["PathTrust"], swiftSettings: strict),
        .testTarget(
            name: "AgentTests",
            dependencies: ["AgentCore", "AgentRuntime", "DockerAPI", "EngineAdapter", "FilesystemSource", "EventModel", "Formats", "Time", "Hooks", "Journal",
                           "JournalFormat", "Rules", "MetricsExport", "Policies"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "MetricsExportTests", dependencies: ["MetricsExport", "AgentCore", "AgentRuntime", "Formats", "Time"], swiftSettings: strict),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Formats", "Time", "Journal", "JournalFormat"], swiftSettings: strict),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Formats", "Time", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PoliciesTests", dependencies: ["Policies", "Rules", "Formats", "Time", "EventModel", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ContainerdEngineTests",
            dependencies: ["ContainerdEngine", "ContainerdAPI", "ContainerdMessages", "EngineAdapter", "EventModel", "Time"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ContainerdAPITests",
            dependencies: ["ContainerdAPI", "ContainerdMessages", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "AgentCore",
                "AgentRuntime",
                "EventModel",
                "Systemd",
                "Hooks",
                "Rules",
                "Journal",
                "JournalFormat",
                "DockerAPI",
                "EngineAdapter",
                "Formats", "Time",
                "ContainerdAPI",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
