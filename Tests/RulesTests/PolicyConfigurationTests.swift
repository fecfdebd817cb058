import Formats
import Time
import Rules
import Testing

@Suite("Policy configuration")
struct PolicyConfigurationTests {
    private let parser = ConfigurationParser(
        file: "reclaimd.toml",
        vocabulary: EventVocabulary(resources: ["container", "image", "volume", "network", "builder"]))

    @Test("reads the issue's example policy as written")
    func example() throws {
        let configuration = try parser.parse(
            """
            [[policy]]
            name = "images"
            resources = ["image"]
            max_total_size = "20GiB"
            target_size = "15GiB"
            max_unused = "4w"
            min_age = "24h"
            keep = ["registry.example.com/base/*", "*:stable"]
            interval = "5m"
            dry_run = false
            """)
        #expect(
            configuration.policies == [
                PolicyDefinition(
                    name: "images", resources: ["image"], maxTotalSize: .bytes(20 << 30), targetSize: .bytes(15 << 30),
                    maxUnused: .seconds(4 * 7 * 86400), minAge: .seconds(86400),
                    keep: ["registry.example.com/base/*", "*:stable"],
                    interval: .seconds(300), dryRun: false, maxRemovalsPerRun: 100)
            ])
        #expect(configuration.rules.isEmpty)
    }

    @Test("defaults: images, min_age 1h, interval 5m, 100 removals; a percentage of the filesystem")
    func defaults() throws {
        let configuration = try parser.parse("[[policy]]\nname = \"p\"\nmax_total_size = \"80%\"\n")
        let policy = try #require(configuration.policies.first)
        #expect(policy == PolicyDefinition(name: "p", maxTotalSize: .percent(80)))
        #expect(policy.minAge == .seconds(3600) && policy.interval == .seconds(300) && policy.maxRemovalsPerRun == 100)
        #expect(policy.effectiveTarget == .percent(80))
        #expect(PolicyDefinition.SizeLimit.percent(80).bytes(filesystemBytes: 1000) == 800)
    }

    @Test("every problem at its FILE:LINE:COLUMN")
    func errors() {
        let source = """
            [[policy]]
            name = "Bad Name"
            resources = ["volume"]
            max_total_size = "120%"
            target_size = "lots"
            max_unused = "0s"
            min_age = "soon"
            keep = [""]
            dry_run = "no"
            max_removals_per_run = 0
            colour = "red"

            [[policy]]
            name = "empty"
            """
        #expect(throws: ConfigurationErrors.self) { try parser.parse(source) }
        do {
            _ = try parser.parse(source)
        } catch {
            let lines = error.errors.map(\.description)
            #expect(
                lines == [
                    "reclaimd.toml:2:8: policy name must be a non-empty string of a-z, 0-9, _ and -",
                    "reclaimd.toml:3:13: policy resources must be a non-empty array of: image, builder, container",
                    "reclaimd.toml:4:18: max_total_size \"120%\" is not a percentage from 1% to 100%",
                    "reclaimd.toml:5:15: target_size \"lots\" is not a size or a percentage; expected \(ByteSizeText.acceptedForms), or \"80%\"",
                    "reclaimd.toml:6:14: max_unused \"0s\" is not a duration greater than zero; expected \(DurationText.acceptedForms), or whole days or weeks (\"3d\", \"4w\")",
                    "reclaimd.toml:7:11: min_age \"soon\" is not a duration; expected \(DurationText.acceptedForms), or whole days or weeks (\"3d\", \"4w\")",
                    "reclaimd.toml:8:8: keep must be an array of non-empty patterns, e.g. [\"registry.example.com/base/*\", \"*:stable\"]",
                    "reclaimd.toml:9:11: dry_run must be true or false",
                    "reclaimd.toml:10:24: max_removals_per_run 0 must be an integer from 1 to 100000",
                    "reclaimd.toml:11:1: unknown key \"colour\" in [[policy]]; expected one of: \(["name", "resources", "max_total_size", "target_size", "max_unused", "min_age", "keep", "keep_latest", "only", "interval", "dry_run", "max_removals_per_run"].joined(separator: ", "))",
                    "reclaimd.toml:13:1: policy \"empty\" has neither max_total_size nor max_unused: it would never remove anything",
                ])
        }
    }

    @Test("a target above the limit, and a duplicate name, are refused")
    func consistency() {
        let source = """
            [[policy]]
            name = "a"
            max_unused = "3d"

            [[policy]]
            name = "a"
            max_total_size = "1GB"

            [[policy]]
            name = "b"
            max_total_size = "50%"
            target_size = "60%"
            """
        do {
            _ = try parser.parse(source)
            Issue.record("accepted")
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "reclaimd.toml:6:8: duplicate policy name \"a\" (first used by policy 1)",
                    "reclaimd.toml:12:15: target_size is larger than max_total_size",
                ])
        }
    }

    @Test("check's effective policy reads back to the same effective policy")
    func roundTrip() throws {
        let policies = try parser.parse(
            """
            [[policy]]
            name = "images"
            max_total_size = "80%"
            target_size = "70%"
            max_unused = "4w"
            keep = ["*:stable"]
            keep_latest = 3
            only = ["ci/*", "label:com.example.gc=true"]

            [[policy]]
            name = "cache"
            resources = ["builder"]
            max_total_size = "1GiB"
            """
        ).policies
        let written = policies.map(EffectivePolicy.toml).joined(separator: "\n")
        let again = try parser.parse(written).policies
        #expect(again.map(\.effectiveTarget) == policies.map(\.effectiveTarget))
        #expect(again.map(\.maxUnused) == policies.map(\.maxUnused))
        #expect(again.map(\.keep) == policies.map(\.keep))
        #expect(again.map(\.keepLatest) == [3, nil] && again.map(\.only) == policies.map(\.only))
        #expect(written.contains("target_size = \"1073741824\""))
    }

    @Test("keep_latest and only: read as written; each mistake at its position")
    func scope() throws {
        let policy = try #require(
            try parser.parse(
                """
                [[policy]]
                name = "ci"
                resources = ["image", "container"]
                max_unused = "3d"
                keep_latest = 2
                only = ["ci/*", "label:com.example.gc=true"]
                """
            ).policies.first)
        #expect(policy.keepLatest == 2 && policy.only == ["ci/*", "label:com.example.gc=true"])
        #expect(
            parser.errors(
                """
                [[policy]]
                name = "a"
                max_unused = "3d"
                keep_latest = 0
                only = []

                [[policy]]
                name = "b"
                resources = ["container"]
                max_unused = "3d"
                keep_latest = 1
                only = ["label:=x"]

                [[policy]]
                name = "c"
                resources = ["image", "builder"]
                max_total_size = "1GB"
                only = ["label:team=ci"]
                """)
                == [
                    "reclaimd.toml:4:15: keep_latest 0 must be an integer from 1 to 10000",
                    "reclaimd.toml:5:8: only must be a non-empty array of non-empty patterns, e.g. [\"ci/*\", \"label:com.example.gc=true\"]",
                    "reclaimd.toml:11:15: keep_latest applies to images: add \"image\" to the policy's resources",
                    "reclaimd.toml:12:8: only pattern \"label:=x\" must be label:KEY=VALUE with a non-empty KEY",
                    "reclaimd.toml:18:8: only cannot scope build cache: give \"builder\" a policy of its own",
                ])
    }
}
