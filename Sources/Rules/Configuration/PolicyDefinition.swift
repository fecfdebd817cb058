/// One garbage-collection policy as configured (`[[policy]]`): what it may remove, when, and what it never touches.
public struct PolicyDefinition: Sendable, Equatable {
    /// The size limit above which the policy removes, or the share of the filesystem holding the data root.
    public enum SizeLimit: Sendable, Equatable {
        case bytes(UInt64)
        /// Percent (1 to 100) of the filesystem's size.
        case percent(Int)

        /// The limit in bytes, for a filesystem of `filesystemBytes`.
        public func bytes(filesystemBytes: UInt64) -> UInt64 {
            switch self {
            case .bytes(let bytes): return bytes
            case .percent(let percent):
                return filesystemBytes / 100 * UInt64(percent) + filesystemBytes % 100 * UInt64(percent) / 100
            }
        }

        /// As written in the configuration: `"20GiB"` as bytes, `"80%"`.
        public var text: String {
            switch self {
            case .bytes(let bytes): return String(bytes)
            case .percent(let percent): return "\(percent)%"
            }
        }
    }

    public var name: String
    /// `image`, `builder` (build cache), `container` (exited containers).
    public var resources: [String]
    /// Remove once usage is above this; nil: no size limit (only `max_unused`).
    public var maxTotalSize: SizeLimit?
    /// Remove down to this; nil: `maxTotalSize`.
    public var targetSize: SizeLimit?
    /// Remove what has not been used for this long, whatever the size; nil: off.
    public var maxUnused: Duration?
    /// Never remove what was created or last used more recently.
    public var minAge: Duration
    /// Reference patterns (globs on `repository:tag`, or on a container's name) never removed.
    public var keep: [String]
    /// The newest this many images of each repository (by creation) are never removed; nil: off.
    public var keepLatest: Int?
    /// What the policy is responsible for: only objects a pattern matches (globs as `keep`, or `label:KEY=VALUE`)
    /// are candidates; empty: everything.
    public var only: [String]
    /// How often the agent evaluates the policy.
    public var interval: Duration
    /// Journal what would be removed, remove nothing.
    public var dryRun: Bool
    /// At most this many removals in one evaluation.
    public var maxRemovalsPerRun: Int

    public static let resourceNames = ["image", "builder", "container"]
    public static let defaultMinAge = Duration.seconds(3600)
    public static let defaultInterval = Duration.seconds(300)
    public static let defaultMaxRemovals = 100

    public init(
        name: String, resources: [String] = ["image"], maxTotalSize: SizeLimit? = nil, targetSize: SizeLimit? = nil,
        maxUnused: Duration? = nil, minAge: Duration = PolicyDefinition.defaultMinAge, keep: [String] = [],
        keepLatest: Int? = nil, only: [String] = [], interval: Duration = PolicyDefinition.defaultInterval,
        dryRun: Bool = false, maxRemovalsPerRun: Int = PolicyDefinition.defaultMaxRemovals
    ) {
        self.name = name
        self.resources = resources
        self.maxTotalSize = maxTotalSize
        self.targetSize = targetSize
        self.maxUnused = maxUnused
        self.minAge = minAge
        self.keep = keep
        self.keepLatest = keepLatest
        self.only = only
        self.interval = interval
        self.dryRun = dryRun
        self.maxRemovalsPerRun = maxRemovalsPerRun
    }

    /// An `only` pattern's label form, `label:KEY=VALUE`, split; nil for a reference glob (no `label:` prefix). A
    /// `label:` pattern without `KEY=` splits into an empty key, which the configuration refuses.
    public static func labelPattern(_ text: String) -> (key: String, value: String)? {
        let prefix = "label:"
        guard text.hasPrefix(prefix) else { return nil }
        let body = text.dropFirst(prefix.count)
        guard let equals = body.firstIndex(of: "=") else { return ("", String(body)) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }

    /// What the policy removes down to once above `maxTotalSize`.
    public var effectiveTarget: SizeLimit? { targetSize ?? maxTotalSize }
}
