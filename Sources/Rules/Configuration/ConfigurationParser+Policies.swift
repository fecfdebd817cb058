import Formats
import Time
import TOML

/// `[[policy]]`: garbage-collection policies, checked as strictly as rules.
extension ConfigurationParser.Context {
    static let policyKeys = [
        "name", "resources", "max_total_size", "target_size", "max_unused", "min_age", "keep", "keep_latest",
        "only", "interval", "dry_run", "max_removals_per_run",
    ]

    /// Every `[[policy]]`, with unique names.
    mutating func parsePolicies(_ table: TOMLTable, into configuration: inout AgentConfiguration) {
        configuration.policies += parseNamedTables(table, "policy", plural: "policies", name: \.name) {
            context, policyTable, index in
            context.parsePolicy(policyTable, index: index)
        }
    }

    mutating func parsePolicy(_ table: TOMLTable, index: Int) -> PolicyDefinition? {
        let errorsBefore = errors.count
        rejectUnknownKeys(table, allowed: Self.policyKeys, section: "policy")
        var policy = PolicyDefinition(name: parseName(table, index: index, what: "policy"))
        parsePolicyResources(table, into: &policy)
        policy.maxTotalSize = sizeLimit(table, "max_total_size")
        policy.targetSize = sizeLimit(table, "target_size")
        policy.maxUnused = longDuration(table, "max_unused", allowZero: false)
        policy.minAge = longDuration(table, "min_age", allowZero: true) ?? policy.minAge
        policy.interval = longDuration(table, "interval", allowZero: false) ?? policy.interval
        parsePolicyFlags(table, into: &policy)
        parsePolicyScope(table, into: &policy)
        if errors.count == errorsBefore { checkPolicyConsistency(table, policy) }
        return errors.count == errorsBefore ? policy : nil
    }

    private mutating func parsePolicyResources(_ table: TOMLTable, into policy: inout PolicyDefinition) {
        guard let entry = table["resources"] else { return }
        if let list = strings(entry.value), !list.isEmpty, list.allSatisfy(PolicyDefinition.resourceNames.contains) {
            policy.resources = list
        } else {
            fail(
                entry.valuePosition,
                "policy resources must be a non-empty array of: \(PolicyDefinition.resourceNames.joined(separator: ", "))"
            )
        }
    }

    /// `keep`, `dry_run`, `max_removals_per_run`.
    private mutating func parsePolicyFlags(_ table: TOMLTable, into policy: inout PolicyDefinition) {
        if let entry = table["keep"] {
            if let list = strings(entry.value), !list.contains("") {
                policy.keep = list
            } else {
                fail(
                    entry.valuePosition,
                    "keep must be an array of non-empty patterns, e.g. [\"registry.example.com/base/*\", \"*:stable\"]")
            }
        }
        if let entry = table["dry_run"] {
            if case .boolean(let flag) = entry.value {
                policy.dryRun = flag
            } else {
                fail(entry.valuePosition, "dry_run must be true or false")
            }
        }
        if let entry = table["max_removals_per_run"] {
            if let count = entry.value.integer, (1...100_000).contains(count) {
                policy.maxRemovalsPerRun = Int(count)
            } else {
                fail(
                    entry.valuePosition,
                    "max_removals_per_run \(quoted(entry.value)) must be an integer from 1 to 100000")
            }
        }
    }

    /// `keep_latest` (images only) and `only`.
    private mutating func parsePolicyScope(_ table: TOMLTable, into policy: inout PolicyDefinition) {
        if let entry = table["keep_latest"] {
            if let count = entry.value.integer, (1...10_000).contains(count) {
                policy.keepLatest = Int(count)
                if !policy.resources.contains("image") {
                    fail(entry.valuePosition, "keep_latest applies to images: add \"image\" to the policy's resources")
                }
            } else {
                fail(entry.valuePosition, "keep_latest \(quoted(entry.value)) must be an integer from 1 to 10000")
            }
        }
        guard let entry = table["only"] else { return }
        guard let list = strings(entry.value), !list.isEmpty, !list.contains("") else {
            fail(
                entry.valuePosition,
                "only must be a non-empty array of non-empty patterns, e.g. [\"ci/*\", \"label:com.example.gc=true\"]")
            return
        }
        if let bad = list.first(where: { PolicyDefinition.labelPattern($0)?.key.isEmpty == true }) {
            fail(entry.valuePosition, "only pattern \"\(bad)\" must be label:KEY=VALUE with a non-empty KEY")
            return
        }
        if policy.resources.contains("builder") {
            fail(entry.valuePosition, "only cannot scope build cache: give \"builder\" a policy of its own")
            return
        }
        policy.only = list
    }

    /// A policy must have something to decide on, and a target no larger than its limit.
    private mutating func checkPolicyConsistency(_ table: TOMLTable, _ policy: PolicyDefinition) {
        if policy.maxTotalSize == nil && policy.maxUnused == nil {
            fail(
                table.position,
                "policy \"\(policy.name)\" has neither max_total_size nor max_unused: it would never remove anything")
        }
        if policy.targetSize != nil && policy.maxTotalSize == nil {
            fail(table["target_size"]?.valuePosition ?? table.position, "target_size needs max_total_size")
        }
        if case .bytes(let target)? = policy.targetSize, case .bytes(let limit)? = policy.maxTotalSize, target > limit {
            fail(table["target_size"]?.valuePosition ?? table.position, "target_size is larger than max_total_size")
        }
        if case .percent(let target)? = policy.targetSize, case .percent(let limit)? = policy.maxTotalSize,
            target > limit
        {
            fail(table["target_size"]?.valuePosition ?? table.position, "target_size is larger than max_total_size")
        }
    }

    /// A size, or a whole percentage from 1 to 100 written `"80%"`.
    private mutating func sizeLimit(_ table: TOMLTable, _ key: String) -> PolicyDefinition.SizeLimit? {
        guard let entry = table[key] else { return nil }
        if let text = entry.value.string, text.hasSuffix("%") {
            if let percent = Int(text.dropLast()), (1...100).contains(percent),
                DecimalText.isDigits(String(text.dropLast()))
            {
                return .percent(percent)
            }
            fail(entry.valuePosition, "\(key) \(quoted(entry.value)) is not a percentage from 1% to 100%")
            return nil
        }
        switch size(entry.value) {
        case .success(let bytes): return .bytes(bytes)
        case .failure(.outOfRange(let accepted)):
            fail(entry.valuePosition, "\(key) \(quoted(entry.value)) is out of range: accepted \(accepted)")
        case .failure(.malformed):
            fail(
                entry.valuePosition,
                "\(key) \(quoted(entry.value)) is not a size or a percentage; expected \(ByteSizeText.acceptedForms), or \"80%\""
            )
        }
        return nil
    }

    /// A duration as rules take it, or a whole number of days or weeks (`"3d"`, `"4w"`).
    private mutating func longDuration(_ table: TOMLTable, _ key: String, allowZero: Bool) -> Duration? {
        guard let entry = table[key] else { return nil }
        var value = entry.value
        if let text = entry.value.string, let unit = text.last, unit == "d" || unit == "w" {
            let digits = String(text.dropLast())
            if DecimalText.isDigits(digits), let count = Int(digits), count <= 100_000 {
                value = .string("\(count * (unit == "w" ? 168 : 24))h")
            }
        }
        switch duration(value) {
        case .success(let duration) where allowZero || duration > .zero:
            return duration
        case .failure(.outOfRange(let accepted)):
            fail(entry.valuePosition, "\(key) \(quoted(entry.value)) is out of range: accepted \(accepted)")
        case .success, .failure(.malformed):
            fail(
                entry.valuePosition,
                "\(key) \(quoted(entry.value)) is not a duration\(allowZero ? "" : " greater than zero"); expected \(DurationText.acceptedForms), or whole days or weeks (\"3d\", \"4w\")"
            )
        }
        return nil
    }
}
