import Formats
import TOMLKit

/// Reads `reclaimd.toml` strictly: unknown keys, wrong types and bad values are errors, and every error found is
/// reported with its `FILE:LINE:COLUMN`, not only the first.
public struct ConfigurationParser {
    /// The file name used in messages.
    public let file: String
    /// Checks an engine host; returns what is wrong, or nil. (The endpoint format belongs to the engine client.)
    public let validateHost: @Sendable (String) -> String?

    public init(file: String, validateHost: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.file = file
        self.validateHost = validateHost
    }

    private static let rootKeys = ["engine", "state", "rule"]
    private static let ruleKeys = ["name", "resources", "actions", "threshold", "quiet", "max_delay", "cooldown", "hook", "timeout", "env"]

    /// Parses `source`; throws every problem found.
    public func parse(_ source: String) throws(ConfigurationErrors) -> AgentConfiguration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ConfigurationErrors(errors: [ConfigurationError(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                message: "TOML syntax: \(error.description)")])
        } catch {
            throw ConfigurationErrors(errors: [ConfigurationError(file: file, line: 1, column: 1, message: "TOML syntax: \(error)")])
        }
        var context = Context(parser: self, locator: SourceLocator(source: source))
        var configuration = AgentConfiguration(rules: [])
        context.rejectUnknownKeys(table, allowed: Self.rootKeys, section: "", index: 0)

        if let engine = table["engine"] {
            if let engineTable = engine.table {
                context.rejectUnknownKeys(engineTable, allowed: ["host"], section: "engine", index: 0)
                if let host = engineTable["host"] {
                    if let text = host.string {
                        if let problem = validateHost(text) {
                            context.fail("engine", 0, "host", valueColumn: true, "engine.host: \(problem)")
                        } else {
                            configuration.engineHost = text
                        }
                    } else {
                        context.fail("engine", 0, "host", valueColumn: true, "engine.host must be a string such as \"unix:///var/run/docker.sock\"")
                    }
                }
            } else {
                context.fail("", 0, "engine", valueColumn: false, "engine must be a table: [engine]")
            }
        }
        if let state = table["state"] {
            if let stateTable = state.table {
                context.rejectUnknownKeys(stateTable, allowed: ["dir"], section: "state", index: 0)
                if let dir = stateTable["dir"] {
                    if let text = dir.string, text.hasPrefix("/") {
                        configuration.stateDirectory = text
                    } else {
                        context.fail("state", 0, "dir", valueColumn: true, "state.dir must be an absolute path as a string")
                    }
                }
            } else {
                context.fail("", 0, "state", valueColumn: false, "state must be a table: [state]")
            }
        }
        if let rules = table["rule"] {
            if let array = rules.array {
                var seen: [String: Int] = [:]
                for index in 0..<array.count {
                    guard let ruleTable = array[index].table else {
                        context.fail("rule", index, nil, valueColumn: false, "each rule must be a table: [[rule]]")
                        continue
                    }
                    if let rule = context.parseRule(ruleTable, index: index) {
                        if let first = seen[rule.name] {
                            context.fail("rule", index, "name", valueColumn: true, "duplicate rule name \"\(rule.name)\" (first used by rule \(first + 1))")
                        } else {
                            seen[rule.name] = index
                            configuration.rules.append(rule)
                        }
                    }
                }
            } else {
                context.fail("", 0, "rule", valueColumn: false, "rules are an array of tables: write each as [[rule]]")
            }
        }
        if !context.errors.isEmpty {
            throw ConfigurationErrors(errors: context.errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return configuration
    }

    /// Collects errors while walking the table.
    private struct Context {
        let parser: ConfigurationParser
        let locator: SourceLocator
        var errors: [ConfigurationError] = []

        mutating func fail(_ section: String, _ index: Int, _ key: String?, valueColumn: Bool, _ message: String) {
            let position = locator.position(section: section, index: index, key: key)
            errors.append(ConfigurationError(file: parser.file, line: position.line,
                                             column: valueColumn ? position.valueColumn : position.keyColumn, message: message))
        }

        mutating func rejectUnknownKeys(_ table: TOMLTable, allowed: [String], section: String, index: Int) {
            for key in table.keys where !allowed.contains(key) {
                let place = section.isEmpty ? "" : " in [\(section == "rule" ? "[rule]" : section)]"
                fail(section, index, key, valueColumn: false,
                     "unknown key \"\(key)\"\(place); expected one of: \(allowed.joined(separator: ", "))")
            }
        }

        mutating func parseRule(_ table: TOMLTable, index: Int) -> RuleDefinition? {
            let errorsBefore = errors.count
            rejectUnknownKeys(table, allowed: ConfigurationParser.ruleKeys, section: "rule", index: index)
            var name = ""
            if let value = table["name"] {
                if let text = value.string, !text.isEmpty,
                   text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F || $0 == 0x2D }) {
                    name = text
                } else {
                    fail("rule", index, "name", valueColumn: true, "rule name must be a non-empty string of a-z, 0-9, _ and -")
                }
            } else {
                fail("rule", index, nil, valueColumn: false, "rule \(index + 1) has no name")
            }
            var rule = RuleDefinition(name: name, hook: [])
            if let value = table["resources"] {
                if let list = strings(value), !list.isEmpty {
                    let unknown = list.filter { !RuleDefinition.allResources.contains($0) }
                    if unknown.isEmpty {
                        rule.resources = list
                    } else {
                        fail("rule", index, "resources", valueColumn: true,
                             "unknown resource \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); expected: \(RuleDefinition.allResources.joined(separator: ", "))")
                    }
                } else {
                    fail("rule", index, "resources", valueColumn: true, "resources must be a non-empty array of strings")
                }
            }
            if let value = table["actions"] {
                if let list = strings(value), !list.isEmpty, !list.contains("") {
                    rule.actions = list
                } else {
                    fail("rule", index, "actions", valueColumn: true, "actions must be a non-empty array of strings, e.g. [\"prune\"]")
                }
            }
            if let value = table["threshold"] {
                if let bytes = size(value) {
                    rule.threshold = bytes
                } else {
                    fail("rule", index, "threshold", valueColumn: true, "threshold \(quoted(value)) is not a size; expected \(ByteSizeText.acceptedForms)")
                }
            }
            for (key, apply) in [("quiet", { (r: inout RuleDefinition, d: Duration) in r.quiet = d }),
                                 ("max_delay", { $0.maxDelay = $1 }), ("cooldown", { $0.cooldown = $1 }),
                                 ("timeout", { $0.timeout = $1 })] {
                guard let value = table[key] else { continue }
                if let duration = duration(value), key != "timeout" || duration > .zero {
                    apply(&rule, duration)
                } else {
                    let extra = key == "timeout" ? " greater than zero" : ""
                    fail("rule", index, key, valueColumn: true, "\(key) \(quoted(value)) is not a duration\(extra); expected \(DurationText.acceptedForms)")
                }
            }
            if let value = table["hook"] {
                if let argv = strings(value), let program = argv.first, program.hasPrefix("/") {
                    rule.hook = argv
                } else {
                    fail("rule", index, "hook", valueColumn: true, "hook must be an array of strings whose first is an absolute path, e.g. [\"/usr/libexec/reclaimd/hooks/fstrim\"]")
                }
            } else {
                fail("rule", index, nil, valueColumn: false, "rule \"\(name)\" has no hook")
            }
            if let value = table["env"] {
                if let envTable = value.table {
                    for key in envTable.keys.sorted() {
                        let validName = key.utf8.first.map { !(0x30...0x39).contains($0) } ?? false
                            && key.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
                        if !validName {
                            fail("rule", index, "env", valueColumn: true, "env name \"\(key)\" is not a valid environment variable name")
                        } else if RuleDefinition.contractVariables.contains(key) {
                            fail("rule", index, "env", valueColumn: true, "env name \"\(key)\" is set by reclaimd for every run (the hook contract)")
                        } else if let text = envTable[key]?.string {
                            rule.environment[key] = text
                        } else {
                            fail("rule", index, "env", valueColumn: true, "env value of \"\(key)\" must be a string")
                        }
                    }
                } else {
                    fail("rule", index, "env", valueColumn: true, "env must be a table of strings, e.g. env = { KEY = \"value\" }")
                }
            }
            return errors.count == errorsBefore ? rule : nil
        }

        private func strings(_ value: any TOMLValueConvertible) -> [String]? {
            guard let array = value.array else { return nil }
            var result: [String] = []
            for element in array {
                guard let text = element.string else { return nil }
                result.append(text)
            }
            return result
        }

        private func size(_ value: any TOMLValueConvertible) -> UInt64? {
            if let integer = value.int { return integer >= 0 ? UInt64(integer) : nil }
            return value.string.flatMap(ByteSizeText.parse)
        }

        private func duration(_ value: any TOMLValueConvertible) -> Duration? {
            if let integer = value.int { return integer >= 0 ? .seconds(integer) : nil }
            return value.string.flatMap(DurationText.parse)
        }

        private func quoted(_ value: any TOMLValueConvertible) -> String {
            if let text = value.string { return "\"\(text)\"" }
            if let integer = value.int { return String(integer) }
            return "(a \(value.type))"
        }
    }
}
