import ContainerdMessages
import GRPCCore
import SwiftProtobuf

extension ContainerdClient {
    /// containerd's version string (e.g. "1.6.20~ds1"), from the version service.
    public func version() async throws -> String {
        try await version(timeout: nil)
    }

    func version(timeout: Duration?) async throws -> String {
        var options = CallOptions.defaults
        options.timeout = timeout
        let service = Containerd_Services_Version_V1_Version.Client(wrapping: grpc)
        return try await CallFailure.calling("version.Version") {
            try await service.version(Google_Protobuf_Empty(), options: options).version
        }
    }

    /// containerd's root directory (its config's `root`, e.g. /var/lib/containerd): where its content store and
    /// snapshots live, the data root a hook trims.
    ///
    /// containerd has no call for it; its content plugin exports its own directory, `ROOT/io.containerd.content.v1.content`
    /// (each plugin's directory is named by its URI under the root), so the root is that directory's parent.
    public func rootDirectory() async throws -> String {
        let service = Containerd_Services_Introspection_V1_Introspection.Client(wrapping: grpc)
        var request = Containerd_Services_Introspection_V1_PluginsRequest()
        request.filters = ["type==\(ContentPlugin.type)"]
        let plugins = try await CallFailure.calling("introspection.Plugins") {
            try await service.plugins(request).plugins
        }
        guard let plugin = plugins.first(where: { $0.id == ContentPlugin.id }), let directory = plugin.exports["root"]
        else {
            throw ContainerdError.call(
                operation: "introspection.Plugins", code: "missing",
                message:
                    "no \(ContentPlugin.type).\(ContentPlugin.id) plugin with a root export: the content store plugin is disabled or failed"
            )
        }
        return try ContentPlugin.containerdRoot(fromPluginDirectory: directory)
    }
}
