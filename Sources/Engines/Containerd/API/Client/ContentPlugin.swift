import ContainerdMessages

/// containerd's content store plugin as introspection lists it: its type, id and the directory it exports.
enum ContentPlugin {
    static let type = "io.containerd.content.v1"
    static let id = "content"

    /// containerd's root from the plugin's directory, `ROOT/io.containerd.content.v1.content`.
    static func containerdRoot(fromPluginDirectory directory: String) throws(ContainerdError) -> String {
        let suffix = "/\(type).\(id)"
        guard directory.hasSuffix(suffix), directory.count > suffix.count else {
            throw .call(
                operation: "introspection.Plugins", code: "unexpected",
                message: "the content plugin's root \(directory) does not end in \(suffix)")
        }
        return String(directory.dropLast(suffix.count))
    }
}
