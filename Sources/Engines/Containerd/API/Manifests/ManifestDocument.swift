import ContainerdMessages

/// What the size walk needs of an image index or manifest (OCI's, or Docker's schema 2 equivalents): an index's
/// entries with their platforms, or a manifest's config and layers.
enum ManifestDocument: Equatable {
    case index([IndexEntry])
    case manifest(config: ContainerdDescriptor, layers: [ContainerdDescriptor])

    struct IndexEntry: Equatable {
        var descriptor: ContainerdDescriptor
        var platform: ContainerdPlatform?
    }

    static let indexMediaTypes: Set = [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ]
    static let manifestMediaTypes: Set = [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads `bytes` as the document `mediaType` names (or, for a media type neither list has, as whichever
    /// its content is: a `manifests` array makes an index).
    static func read(_ bytes: [UInt8], mediaType: String) throws -> ManifestDocument {
        let json = try JSONReader.read(bytes)
        guard case .object = json else { throw Unreadable(description: "not a JSON object") }
        let isIndex =
            indexMediaTypes.contains(mediaType)
            || (!manifestMediaTypes.contains(mediaType) && json["manifests"] != nil)
        if isIndex {
            guard let entries = json["manifests"]?.array else {
                throw Unreadable(description: "an index without manifests")
            }
            return .index(
                try entries.map { entry in
                    IndexEntry(
                        descriptor: try descriptor(entry, "a manifests entry"), platform: platform(entry["platform"]))
                })
        }
        guard let config = json["config"] else { throw Unreadable(description: "a manifest without config") }
        let layers = try (json["layers"]?.array ?? []).map { try descriptor($0, "a layer") }
        return .manifest(config: try descriptor(config, "the config"), layers: layers)
    }

    private static func descriptor(_ json: JSONValue, _ what: String) throws -> ContainerdDescriptor {
        guard let digest = json["digest"]?.string, let size = json["size"]?.integer, size >= 0 else {
            throw Unreadable(description: "\(what) without a digest and a size")
        }
        return ContainerdDescriptor(mediaType: json["mediaType"]?.string ?? "", digest: digest, size: size)
    }

    private static func platform(_ json: JSONValue?) -> ContainerdPlatform? {
        guard let json, let os = json["os"]?.string, let architecture = json["architecture"]?.string else { return nil }
        return ContainerdPlatform(os: os, architecture: architecture, variant: json["variant"]?.string)
    }
}
