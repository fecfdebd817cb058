import Formats
import Time
import TOML

/// Reads `reclaimd.toml` strictly: unknown keys, wrong types and bad values are errors, and every error found is
/// reported with its `FILE:LINE:COLUMN`, not only the first.
public struct ConfigurationParser {
    /// The file name used in messages.
    public let file: String
    /// The resources the agent's event sources report: what `resources` may name, and its default.
    public let vocabulary: EventVocabulary
    /// Checks an engine host; returns what is wrong, or nil. (The endpoint format belongs to the engine client.)
    public let validateHost: @Sendable (String) -> String?

    public init(
        file: String, vocabulary: EventVocabulary, validateHost: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.file = file
        self.vocabulary = vocabulary
        self.validateHost = validateHost
    }

    private static let rootKeys = ["engine", "state", "filesystem", "metrics", "rule", "policy"]
    private static let ruleKeys = [
        "name", "resources", "actions", "threshold", "quiet", "max_delay", "cooldown", "hook", "timeout", "env",
        "max_batch_events",
    ]

    /// Parses `source`; throws every problem found.
    public func parse(_ source: String) throws(ConfigurationErrors) -> AgentConfiguration {
        try parse(utf8: Array(source.utf8))
    }

    /// Parses the file's bytes as they are: bytes that are not UTF-8 are an error at their position, never
    /// replaced and accepted.
    public func parse(utf8 bytes: [UInt8]) throws(ConfigurationErrors) -> AgentConfiguration {
        let table: TOMLTable
        do {
            table = try TOMLReader.parse(utf8: bytes)
        } catch {
            throw ConfigurationErrors(errors: [
                ConfigurationError(
                    file: file, line: error.position.line, column: error.position.column,
                    message: "TOML syntax: \(error.message)")
            ])
        }
        var context = Context(file: file, vocabulary: vocabulary)
        var configuration = AgentConfiguration(rules: [])
        context.rejectUnknownKeys(table, allowed: Self.rootKeys, section: "")
        context.parseEngine(table, into: &configuration, validateHost: validateHost)
        context.parseState(table, into: &configuration)
        context.parseFilesystem(table, into: &configuration)
        context.parseMetrics(table, into: &configuration)
        context.parseRules(table, into: &configuration)
        context.parsePolicies(table, into: &configuration)
        if !context.errors.isEmpty {
            throw ConfigurationErrors(errors: context.errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return configuration
    }

    /// Where the `key` of the `index`th `[[rule]]` stands in `source` (for problems found after parsing, such as
    /// a hook file that is not safe); nil when the source does not parse or has no such key.
    public static func position(ofRuleKey key: String, rule index: Int, in source: String) -> TOMLPosition? {
        guard let root = try? TOMLReader.parse(source), let rules = root["rule"]?.value.array,
            rules.indices.contains(index), let rule = rules[index].table
        else { return nil }
        return rule[key]?.keyPosition ?? rule.position
    }

    /// Collects errors while walking the tables.
    struct Context {
        let file: String
        let vocabulary: EventVocabulary
        var errors: [ConfigurationError] = []

        mutating func fail(_ position: TOMLPosition, _ message: String) {
            errors.append(
                ConfigurationError(file: file, line: position.line, column: position.column, message: message))
        }

        /// The table `[name]` with its unknown keys reported; nil when absent, or (reported) not a table.
        mutating func section(of root: TOMLTable, _ name: String, allowed: [String]) -> TOMLTable? {
            guard let entry = root[name] else { return nil }
            guard let table = entry.value.table else {
                fail(entry.keyPosition, "\(name) must be a table: [\(name)]")
                return nil
            }
            rejectUnknownKeys(table, allowed: allowed, section: name)
            return table
        }

        mutating func rejectUnknownKeys(_ table: TOMLTable, allowed: [String], section: String) {
            for key in table.keys where !allowed.contains(key) {
                let place =
                    section.isEmpty
                    ? "" : " in [\(section == "rule" || section == "policy" ? "[\(section)]" : section)]"
                fail(
                    table[key]?.keyPosition ?? table.position,
                    "unknown key \"\(key)\"\(place); expected one of: \(allowed.joined(separator: ", "))")
            }
        }

        /// `[engine] host` and `namespaces`.
        mutating func parseEngine(
            _ table: TOMLTable, into configuration: inout AgentConfiguration,
            validateHost: (String) -> String?
        ) {
            guard let engine = section(of: table, "engine", allowed: ["host", "namespaces"]) else { return }
            if let host = engine["host"] {
                if let text = host.value.string {
                    if let problem = validateHost(text) {
                        fail(host.valuePosition, "engine.host: \(problem)")
                    } else {
                        configuration.engineHost = text
                    }
                } else {
                    fail(host.valuePosition, "engine.host must be a string such as \"unix:///var/run/docker.sock\"")
                }
            }
            if let entry = engine["namespaces"] {
                if let names = strings(entry.value), !names.isEmpty, names.allSatisfy(Self.isNamespaceName),
                    Set(names).count == names.count
                {
                    configuration.engineNamespaces = names
                } else {
                    fail(
                        entry.valuePosition,
                        "engine.namespaces must be a non-empty array of distinct namespace names (letters, digits, \".\", \"_\", \"-\"), such as [\"default\", \"k8s.io\"]"
                    )
                }
            }
        }

        /// containerd's rule for a namespace: letters and digits, with `.`, `_` and `-` inside, at most 76 bytes.
        static func isNamespaceName(_ name: String) -> Bool {
            let bytes = Array(name.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 76 else { return false }
            func isAlphanumeric(_ byte: UInt8) -> Bool {
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
            return isAlphanumeric(first) && isAlphanumeric(last)
                && bytes.allSatisfy {
                    isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
                }
        }

        /// `[state] dir`.
        mutating func parseState(_ table: TOMLTable, into configuration: inout AgentConfiguration) {
            if let state = section(of: table, "state", allowed: ["dir"]), let dir = state["dir"] {
                if let text = dir.value.string, text.hasPrefix("/") {
                    configuration.stateDirectory = text
                } else {
                    fail(dir.valuePosition, "state.dir must be an absolute path as a string")
                }
            }
        }

        /// `[filesystem] paths` (absolute; default: the engine's data root) and `interval` (default 30 s).
        mutating func parseFilesystem(_ table: TOMLTable, into configuration: inout AgentConfiguration) {
            guard let section = section(of: table, "filesystem", allowed: ["paths", "interval"]) else { return }
            var watch = FilesystemWatch()
            if let entry = section["paths"] {
                if let paths = strings(entry.value), !paths.isEmpty, paths.allSatisfy({ $0.hasPrefix("/") }) {
                    watch.paths = paths
                } else {
                    fail(entry.valuePosition, "filesystem.paths must be a non-empty array of absolute paths")
                }
            }
            if let entry = section["interval"] {
                if case .success(let interval) = duration(entry.value), interval >= .milliseconds(100) {
                    watch.interval = interval
                } else {
                    fail(
                        entry.valuePosition,
                        "filesystem.interval \(quoted(entry.value)) is not a duration of at least 100ms; expected \(DurationText.acceptedForms)"
                    )
                }
            }
            configuration.filesystem = watch
        }

        /// `[metrics] listen` (`HOST:PORT` or `unix:///path`), `textfile` (an absolute path), `max_connections`.
        mutating func parseMetrics(_ table: TOMLTable, into configuration: inout AgentConfiguration) {
            guard let section = section(of: table, "metrics", allowed: ["listen", "textfile", "max_connections"]) else {
                return
            }
            if let entry = section["listen"] {
                if let text = entry.value.string, let listen = MetricsListen.parse(text) {
                    configuration.metrics.listen = listen
                } else {
                    fail(
                        entry.valuePosition,
                        "metrics.listen \(quoted(entry.value)) is not an address; expected \(MetricsListen.acceptedForms)"
                    )
                }
            }
            if let entry = section["textfile"] {
                if let text = entry.value.string, text.hasPrefix("/"), !text.hasSuffix("/") {
                    configuration.metrics.textfile = text
                } else {
                    fail(
                        entry.valuePosition,
                        "metrics.textfile must be an absolute file path as a string, e.g. \"/var/lib/prometheus/node-exporter/reclaimd.prom\""
                    )
                }
            }
            if let entry = section["max_connections"] {
                let range = MetricsSettings.maxConnectionsRange
                if let count = entry.value.integer, range.contains(Int(count)) {
                    configuration.metrics.maxConnections = Int(count)
                } else {
                    fail(
                        entry.valuePosition,
                        "metrics.max_connections must be an integer from \(range.lowerBound) to \(range.upperBound) (default \(MetricsSettings.defaultMaxConnections)): each connection takes a descriptor the agent keeps for its own work"
                    )
                }
            }
        }

        /// Every `[[rule]]`, with unique names.
        mutating func parseRules(_ table: TOMLTable, into configuration: inout AgentConfiguration) {
            configuration.rules += parseNamedTables(table, "rule", plural: "rules", name: \.name) {
                context, ruleTable, index in
                context.parseRule(ruleTable, index: index)
            }
        }

        /// Every `[[key]]` parsed by `parse`, in file order, without the ones whose name an earlier one took.
        mutating func parseNamedTables<Element>(
            _ table: TOMLTable, _ key: String, plural: String, name: (Element) -> String,
            parse: (inout Context, TOMLTable, Int) -> Element?
        ) -> [Element] {
            guard let entry = table[key] else { return [] }
            guard case .array(let array, isTableArray: true) = entry.value else {
                fail(entry.keyPosition, "\(plural) are an array of tables: write each as [[\(key)]]")
                return []
            }
            var seen: [String: Int] = [:]
            var result: [Element] = []
            for (index, element) in array.enumerated() {
                guard let elementTable = element.table, let parsed = parse(&self, elementTable, index) else { continue }
                if let first = seen[name(parsed)] {
                    fail(
                        elementTable["name"]?.valuePosition ?? elementTable.position,
                        "duplicate \(key) name \"\(name(parsed))\" (first used by \(key) \(first + 1))")
                } else {
                    seen[name(parsed)] = index
                    result.append(parsed)
                }
            }
            return result
        }

        mutating func parseRule(_ table: TOMLTable, index: Int) -> RuleDefinition? {
            let errorsBefore = errors.count
            rejectUnknownKeys(table, allowed: ConfigurationParser.ruleKeys, section: "rule")
            var rule = RuleDefinition(name: parseName(table, index: index), resources: vocabulary.resources, hook: [])
            parseSelection(table, into: &rule)
            if errors.count == errorsBefore { settleActions(table, into: &rule) }
            parseAmounts(table, into: &rule)
            parseHook(table, into: &rule)
            return errors.count == errorsBefore ? rule : nil
        }

        /// `name`: a-z, 0-9, `_` and `-`.
        mutating func parseName(_ table: TOMLTable, index: Int, what: String = "rule") -> String {
            var name = ""
            if let entry = table["name"] {
                if let text = entry.value.string, !text.isEmpty,
                    text.utf8.allSatisfy({
                        (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F || $0 == 0x2D
                    })
                {
                    name = text
                } else {
                    fail(entry.valuePosition, "\(what) name must be a non-empty string of a-z, 0-9, _ and -")
                }
            } else {
                fail(table.position, "\(what) \(index + 1) has no name")
            }
            return name
        }

        /// `resources` (from the sources' vocabulary) and `actions`.
        private mutating func parseSelection(_ table: TOMLTable, into rule: inout RuleDefinition) {
            if let entry = table["resources"] {
                if let list = strings(entry.value), !list.isEmpty {
                    let unknown = list.filter { !vocabulary.resources.contains($0) }
                    if unknown.isEmpty {
                        rule.resources = list
                    } else {
                        fail(
                            entry.valuePosition,
                            "unknown resource \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); expected: \(vocabulary.resources.joined(separator: ", "))"
                        )
                    }
                } else {
                    fail(entry.valuePosition, "resources must be a non-empty array of strings")
                }
            }
            if let entry = table["actions"] {
                if let list = strings(entry.value), !list.isEmpty, !list.contains("") {
                    rule.actions = list
                } else {
                    fail(entry.valuePosition, "actions must be a non-empty array of strings, e.g. [\"prune\"]")
                }
            }
        }

        /// `threshold`, the durations (`quiet`, `max_delay`, `cooldown`, `timeout`) and `max_batch_events`.
        private mutating func parseAmounts(_ table: TOMLTable, into rule: inout RuleDefinition) {
            parseLimits(table, into: &rule)
            if let entry = table["max_batch_events"] {
                if let count = entry.value.integer, (1...1_000_000).contains(count) {
                    rule.maxBatchEvents = Int(count)
                } else {
                    fail(
                        entry.valuePosition,
                        "max_batch_events \(quoted(entry.value)) must be an integer from 1 to 1000000")
                }
            }
        }

        /// `hook` (an absolute path and its arguments) and `env`.
        private mutating func parseHook(_ table: TOMLTable, into rule: inout RuleDefinition) {
            if let entry = table["hook"] {
                if let argv = strings(entry.value), let program = argv.first, program.hasPrefix("/") {
                    rule.hook = argv
                } else {
                    fail(
                        entry.valuePosition,
                        "hook must be an array of strings whose first is an absolute path, e.g. [\"/usr/libexec/reclaimd/hooks/fstrim\"]"
                    )
                }
            } else {
                fail(table.position, "rule \"\(rule.name)\" has no hook")
            }
            if let entry = table["env"] {
                if let envTable = entry.value.table {
                    for key in envTable.keys.sorted() {
                        let validName =
                            key.utf8.first.map { !(0x30...0x39).contains($0) } ?? false
                            && key.utf8.allSatisfy {
                                (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
                                    || $0 == 0x5F
                            }
                        if !validName {
                            fail(entry.valuePosition, "env name \"\(key)\" is not a valid environment variable name")
                        } else if HookContract.names.contains(key) {
                            fail(
                                entry.valuePosition,
                                "env name \"\(key)\" is set by reclaimd for every run (the hook contract)")
                        } else if let text = envTable[key]?.value.string {
                            rule.environment[key] = text
                        } else {
                            fail(entry.valuePosition, "env value of \"\(key)\" must be a string")
                        }
                    }
                } else {
                    fail(entry.valuePosition, "env must be a table of strings, e.g. env = { KEY = \"value\" }")
                }
            }
        }

        func strings(_ value: TOMLValue) -> [String]? {
            guard let array = value.array else { return nil }
            var result: [String] = []
            for element in array {
                guard let text = element.string else { return nil }
                result.append(text)
            }
            return result
        }

        /// `threshold` and the durations. A value in an accepted form but too large is reported with the range,
        /// not the forms: "99999999999h" is a duration, just not one that fits.
        /// `threshold` and the durations (`quiet`, `max_delay`, `cooldown`, `timeout`), each within its range.
        mutating func parseLimits(_ table: TOMLTable, into rule: inout RuleDefinition) {
            if let entry = table["threshold"] {
                switch size(entry.value) {
                case .success(let bytes): rule.threshold = bytes
                case .failure(.outOfRange(let accepted)):
                    fail(entry.valuePosition, "threshold \(quoted(entry.value)) is out of range: accepted \(accepted)")
                case .failure(.malformed):
                    fail(
                        entry.valuePosition,
                        "threshold \(quoted(entry.value)) is not a size; expected \(ByteSizeText.acceptedForms)")
                }
            }
            for (key, apply) in [
                ("quiet", { (r: inout RuleDefinition, d: Duration) in r.quiet = d }),
                ("max_delay", { $0.maxDelay = $1 }), ("cooldown", { $0.cooldown = $1 }),
                ("timeout", { $0.timeout = $1 }),
            ] {
                guard let entry = table[key] else { continue }
                switch duration(entry.value) {
                case .success(let duration) where key != "timeout" || duration > .zero:
                    apply(&rule, duration)
                case .failure(.outOfRange(let accepted)):
                    fail(entry.valuePosition, "\(key) \(quoted(entry.value)) is out of range: accepted \(accepted)")
                case .success, .failure(.malformed):
                    let extra = key == "timeout" ? " greater than zero" : ""
                    fail(
                        entry.valuePosition,
                        "\(key) \(quoted(entry.value)) is not a duration\(extra); expected \(DurationText.acceptedForms)"
                    )
                }
            }
        }

        /// A size: a TOML integer of bytes, or a string `ByteSizeText` reads.
        func size(_ value: TOMLValue) -> Result<UInt64, TextParseFailure> {
            if let integer = value.integer { return integer >= 0 ? .success(UInt64(integer)) : .failure(.malformed) }
            guard let text = value.string else { return .failure(.malformed) }
            return Result { () throws(TextParseFailure) in try ByteSizeText.read(text) }
        }

        /// A duration: a TOML integer of seconds (read as its digits, so the same range applies), or a string
        /// `DurationText` reads.
        func duration(_ value: TOMLValue) -> Result<Duration, TextParseFailure> {
            if let integer = value.integer, integer < 0 { return .failure(.malformed) }
            guard let text = value.integer.map({ String($0) }) ?? value.string else { return .failure(.malformed) }
            return Result { () throws(TextParseFailure) in try DurationText.read(text) }
        }

        func quoted(_ value: TOMLValue) -> String {
            if let text = value.string { return "\"\(text)\"" }
            if let integer = value.integer { return String(integer) }
            return "(\(value.typeDescription))"
        }
    }
}
