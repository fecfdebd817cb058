import ContainerdMessages

/// An OCI platform (`linux/amd64`, `linux/arm64/v8`): which manifest of a multi-platform index applies here.
public struct ContainerdPlatform: Sendable, Hashable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// The platform this program runs on, named as Go (and so containerd) names it.
    public static var current: ContainerdPlatform {
        #if arch(x86_64)
        return ContainerdPlatform(os: "linux", architecture: "amd64")
        #elseif arch(arm64)
        return ContainerdPlatform(os: "linux", architecture: "arm64", variant: "v8")
        #elseif arch(arm)
        return ContainerdPlatform(os: "linux", architecture: "arm", variant: "v7")
        #elseif arch(i386)
        return ContainerdPlatform(os: "linux", architecture: "386")
        #elseif arch(powerpc64le)
        return ContainerdPlatform(os: "linux", architecture: "ppc64le")
        #elseif arch(s390x)
        return ContainerdPlatform(os: "linux", architecture: "s390x")
        #else
        return ContainerdPlatform(os: "linux", architecture: "unknown")
        #endif
    }

    /// Whether an index entry for `other` runs here: same OS and architecture, and the same variant when both
    /// name one (arm64's entries often leave `v8` out).
    public func accepts(_ other: ContainerdPlatform) -> Bool {
        guard os == other.os, architecture == other.architecture else { return false }
        guard let variant, let theirs = other.variant else { return true }
        return variant == theirs
    }

    public var description: String {
        [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
    }
}
