import ContainerdMessages

/// A content descriptor (OCI's): what a blob is (media type), its digest, and the size the referrer recorded.
public struct ContainerdDescriptor: Sendable, Hashable {
    public var mediaType: String
    public var digest: String
    public var size: Int64

    public init(mediaType: String, digest: String, size: Int64) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
    }
}
