import EngineAdapter
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An image as `GET /images/json?all=1` lists it (Docker and Podman's compatible API).
public struct EngineImage: Sendable, Equatable, Decodable {
    public var id: String
    /// The legacy builder's parent; empty when none.
    public var parentID: String
    /// `repository:tag`, without Docker's `<none>:<none>` placeholder.
    public var repoTags: [String]
    /// Unix seconds.
    public var created: Int64
    /// The image with all its layers, shared ones included.
    public var size: Int64
    /// What it shares with other images; -1 when the engine did not compute it.
    public var sharedSize: Int64
    /// Its labels; Docker writes `null` for none.
    public var labels: [String: String]

    enum CodingKeys: String, CodingKey {
        case id = "Id", parentID = "ParentId", repoTags = "RepoTags", created = "Created", size = "Size", sharedSize =
            "SharedSize", labels = "Labels"
    }

    public init(
        id: String, parentID: String = "", repoTags: [String], created: Int64, size: Int64, sharedSize: Int64 = -1,
        labels: [String: String] = [:]
    ) {
        self.id = id
        self.parentID = parentID
        self.repoTags = repoTags
        self.created = created
        self.size = size
        self.sharedSize = sharedSize
        self.labels = labels
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        parentID = try container.decodeIfPresent(String.self, forKey: .parentID) ?? ""
        repoTags = (try container.decodeIfPresent([String].self, forKey: .repoTags) ?? []).filter {
            !$0.hasPrefix("<none>")
        }
        created = try container.decodeIfPresent(Int64.self, forKey: .created) ?? 0
        size = try container.decodeIfPresent(Int64.self, forKey: .size) ?? 0
        sharedSize = try container.decodeIfPresent(Int64.self, forKey: .sharedSize) ?? -1
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    }
}

/// A container as `GET /containers/json?all=1` lists it.
public struct EngineContainer: Sendable, Equatable, Decodable {
    public var id: String
    /// Its name without the leading `/`.
    public var name: String
    public var imageID: String
    /// `running`, `exited`, `created`, …
    public var state: String
    /// Unix seconds.
    public var created: Int64
    /// The writable layer's size, when asked for (`size=1`).
    public var sizeRw: Int64
    /// Its labels.
    public var labels: [String: String]

    enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", imageID = "ImageID", state = "State", created = "Created", sizeRw = "SizeRw"
        case labels = "Labels"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        let names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
        name = names.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? ""
        imageID = try container.decodeIfPresent(String.self, forKey: .imageID) ?? ""
        state = try container.decodeIfPresent(String.self, forKey: .state) ?? ""
        created = try container.decodeIfPresent(Int64.self, forKey: .created) ?? 0
        sizeRw = try container.decodeIfPresent(Int64.self, forKey: .sizeRw) ?? 0
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    }
}

/// The parts of `GET /system/df` a policy measures with.
public struct EngineDiskUsage: Sendable, Equatable, Decodable {
    /// Every image layer once: the images' usage.
    public var layersSize: Int64?
    /// The build cache's records' sizes, summed.
    public var buildCacheSize: Int64

    struct CacheRecord: Decodable {
        var size: Int64?
        enum CodingKeys: String, CodingKey { case size = "Size" }
    }

    enum CodingKeys: String, CodingKey { case layersSize = "LayersSize", buildCache = "BuildCache" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        layersSize = try container.decodeIfPresent(Int64.self, forKey: .layersSize)
        let records = try container.decodeIfPresent([CacheRecord].self, forKey: .buildCache) ?? []
        buildCacheSize = records.reduce(0) { $0 + ($1.size ?? 0) }
    }
}
