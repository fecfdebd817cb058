import Formats
import Time
import Rules
import Testing

@Suite("Configuration parsing")
struct ConfigurationParserTests {
    private let parser = ConfigurationParser(
        file: "reclaimd.toml",
        vocabulary: EventVocabulary(resources: ["container", "image", "volume", "network", "builder"])
    ) { host in
        host.hasPrefix("unix:///") || host.hasPrefix("tcp://") ? nil : "expected unix:///path or tcp://host:port"
    }

    @Test("reads the documented example with every key")
    func fullExample() throws {
        let configuration = try parser.parse(
            """
            [engine]
            host = "unix:///var/run/docker.sock"

            [state]
            dir = "/var/lib/reclaimd"

            [[rule]]
            name = "trim"
            resources = ["container", "image", "volume", "builder"]
            actions = ["prune"]
            threshold = "1GiB"
            quiet = "10s"
            max_delay = "60s"
            cooldown = "0s"
            hook = ["/usr/libexec/reclaimd/hooks/fstrim", "--min-bytes", "1"]
            timeout = "10m"
            env = { KEY = "value", RECLAIMD_WEBHOOK_URL = "https://hooks.example/x" }

            [[rule]]
            name = "notify-2"
            threshold = 5000
            quiet = 0
            hook = ["/usr/local/bin/notify"]
            """)
        #expect(configuration.engineHost == "unix:///var/run/docker.sock")
        #expect(configuration.stateDirectory == "/var/lib/reclaimd")
        #expect(
            configuration.rules == [
                RuleDefinition(
                    name: "trim", resources: ["container", "image", "volume", "builder"], actions: ["prune"],
                    threshold: 1 << 30,
                    hook: ["/usr/libexec/reclaimd/hooks/fstrim", "--min-bytes", "1"], timeout: .seconds(600),
                    environment: ["KEY": "value", "RECLAIMD_WEBHOOK_URL": "https://hooks.example/x"]),
                RuleDefinition(
                    name: "notify-2", resources: ["container", "image", "volume", "network", "builder"],
                    threshold: 5000, quiet: .zero, hook: ["/usr/local/bin/notify"]),
            ])
    }

    private func errors(_ source: String) -> [String] {
        parser.errors(source)
    }

    @Test("reports every error with FILE:LINE:COLUMN")
    func brokenConfig() {
        let found = errors(
            """
            [engine]
            host = "docker.sock"
            colour = "blue"

            [[rule]]
            name = "Trim!"
            threshold = "1 gigabyte"
            quiet = "soon"
            hook = ["relative/hook"]

            [[rule]]
            name = "a"
            resources = ["image", "pod"]
            hook = ["/bin/true"]
            env = { RECLAIMD_RULE = "x" }

            [[rule]]
            name = "a"
            hook = ["/bin/true"]
            timeout = "0s"

            [[rule]]
            name = "b"
            hook = ["/bin/true"]

            [[rule]]
            name = "b"
            hook = ["/bin/true"]
            """)
        #expect(
            found == [
                "reclaimd.toml:2:8: engine.host: expected unix:///path or tcp://host:port",
                "reclaimd.toml:3:1: unknown key \"colour\" in [engine]; expected one of: host, namespaces",
                "reclaimd.toml:6:8: rule name must be a non-empty string of a-z, 0-9, _ and -",
                "reclaimd.toml:7:13: threshold \"1 gigabyte\" is not a size; expected \(ByteSizeText.acceptedForms)",
                "reclaimd.toml:8:9: quiet \"soon\" is not a duration; expected \(DurationText.acceptedForms)",
                "reclaimd.toml:9:8: hook must be an array of strings whose first is an absolute path, e.g. [\"/usr/libexec/reclaimd/hooks/fstrim\"]",
                "reclaimd.toml:13:13: unknown resource \"pod\"; expected: container, image, volume, network, builder",
                "reclaimd.toml:15:7: env name \"RECLAIMD_RULE\" is set by reclaimd for every run (the hook contract)",
                "reclaimd.toml:20:11: timeout \"0s\" is not a duration greater than zero; expected \(DurationText.acceptedForms)",
                "reclaimd.toml:27:8: duplicate rule name \"b\" (first used by rule 4)",
            ])
    }

    @Test("unknown keys anywhere, missing name and hook, wrong shapes")
    func shapes() {
        #expect(
            errors("retries = 3\n") == [
                "reclaimd.toml:1:1: unknown key \"retries\"; expected one of: engine, state, filesystem, metrics, rule, policy"
            ])
        #expect(
            errors("[[rule]]\nhook = [\"/bin/true\"]\nthresold = \"1GB\"\n") == [
                "reclaimd.toml:1:1: rule 1 has no name",
                "reclaimd.toml:3:1: unknown key \"thresold\" in [[rule]]; expected one of: name, resources, actions, threshold, quiet, max_delay, cooldown, hook, timeout, env, max_batch_events",
            ])
        #expect(errors("[[rule]]\nname = \"x\"\n") == ["reclaimd.toml:1:1: rule \"x\" has no hook"])
        #expect(errors("rule = 5\n") == ["reclaimd.toml:1:1: rules are an array of tables: write each as [[rule]]"])
        #expect(errors("engine = \"x\"\n") == ["reclaimd.toml:1:1: engine must be a table: [engine]"])
        #expect(
            errors("[[rule]]\nname = \"x\"\nhook = [\"/bin/true\"]\nquiet = true\nenv = { A = 1 }\n") == [
                "reclaimd.toml:4:9: quiet (a boolean) is not a duration; expected \(DurationText.acceptedForms)",
                "reclaimd.toml:5:7: env value of \"A\" must be a string",
            ])
    }

    @Test("a syntax error reports its position")
    func syntax() {
        #expect(
            errors("[[rule]]\nname = \"unterminated\n") == [
                "reclaimd.toml:2:21: TOML syntax: the string is not closed on this line (missing '\"')"
            ])
        #expect(
            errors("[[rule]]\nname = \"a\"\nname = \"b\"\n") == [
                "reclaimd.toml:3:1: TOML syntax: name is defined twice (first at line 2)"
            ])
    }

    @Test("a file that is not UTF-8 is refused at the first bad byte, never read with replacement characters")
    func notUTF8() {
        do {
            _ = try parser.parse(
                utf8: Array("[[rule]]\nname = \"tr".utf8) + [0xFF] + Array("m\"\nhook = [\"/bin/true\"]\n".utf8))
            Issue.record("accepted a file with a 0xFF byte")
        } catch {
            #expect(
                error.errors.map(\.description).first?.hasPrefix("reclaimd.toml:2:11: TOML syntax:") == true,
                "\(error.errors)")
        }
    }

    @Test("[filesystem]: paths and interval, with defaults and errors at their position")
    func filesystem() throws {
        let parser = ConfigurationParser(
            file: "reclaimd.toml", vocabulary: EventVocabulary(resources: ["volume", "filesystem"]))
        let configuration = try parser.parse("[filesystem]\npaths = [\"/mnt/a\", \"/srv\"]\ninterval = \"5s\"\n")
        #expect(configuration.filesystem == FilesystemWatch(paths: ["/mnt/a", "/srv"], interval: .seconds(5)))
        #expect(try parser.parse("[filesystem]\n").filesystem == FilesystemWatch(paths: nil, interval: .seconds(30)))
        #expect(try parser.parse("").filesystem == nil)
        do {
            _ = try parser.parse("[filesystem]\npaths = [\"relative\"]\ninterval = \"10ms\"\nsize = 1\n")
            Issue.record("accepted a bad [filesystem]")
        } catch {
            #expect(
                error.errors.map(\.description) == [
                    "reclaimd.toml:2:9: filesystem.paths must be a non-empty array of absolute paths",
                    "reclaimd.toml:3:12: filesystem.interval \"10ms\" is not a duration of at least 100ms; expected \(DurationText.acceptedForms)",
                    "reclaimd.toml:4:1: unknown key \"size\" in [filesystem]; expected one of: paths, interval",
                ])
        }
    }

    @Test("an empty file is a configuration without rules")
    func empty() throws {
        #expect(try parser.parse("").rules.isEmpty)
    }
}
