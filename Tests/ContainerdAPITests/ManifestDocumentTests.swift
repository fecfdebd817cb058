@testable import ContainerdAPI
import Testing

@Suite("manifests and indexes, as the size walk reads them")
struct ManifestDocumentTests {
    /// The manifest containerd stored for the tests' busybox image (`docker save` of a `docker import`, then
    /// `ctr images import`), as `ctr content get` printed it.
    static let dockerManifest = """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":\
        "application/vnd.docker.container.image.v1+json","size":404,"digest":"sha256:8b62f2e93dc93b3e07d68096775665c2de289\
        fc731598d8ad22fc25350a2d9af"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar","size":1990656,\
        "digest":"sha256:b2eb907492a7b9d6e5cb32eb2661fb2397df4df4c92f5411d0104c9c22b5be8f"}]}
        """

    @Test("a Docker schema 2 manifest: its config and layers")
    func dockerManifest() throws {
        let document = try ManifestDocument.read(
            Array(Self.dockerManifest.utf8),
            mediaType: "application/vnd.docker.distribution.manifest.v2+json")
        guard case .manifest(let config, let layers) = document else {
            Issue.record("read as \(document)")
            return
        }
        #expect(config.size == 404)
        #expect(config.digest == "sha256:8b62f2e93dc93b3e07d68096775665c2de289fc731598d8ad22fc25350a2d9af")
        #expect(layers.map(\.size) == [1_990_656])
        #expect(layers.map(\.mediaType) == ["application/vnd.docker.image.rootfs.diff.tar"])
    }

    @Test("an OCI index: each entry with its platform; the walk picks this machine's")
    func index() throws {
        let text = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aa","size":10,
               "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bb","size":20,
               "platform":{"architecture":"amd64","os":"linux"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:cc","size":30,
               "platform":{"architecture":"unknown","os":"unknown"}}]}
            """
        let document = try ManifestDocument.read(Array(text.utf8), mediaType: "application/vnd.oci.image.index.v1+json")
        guard case .index(let entries) = document else {
            Issue.record("read as \(document)")
            return
        }
        #expect(entries.map(\.descriptor.digest) == ["sha256:aa", "sha256:bb", "sha256:cc"])
        let amd64 = ContainerdPlatform(os: "linux", architecture: "amd64")
        #expect(entries.first { $0.platform.map(amd64.accepts) ?? false }?.descriptor.digest == "sha256:bb")
        let arm64 = ContainerdPlatform(os: "linux", architecture: "arm64", variant: "v8")
        #expect(entries.first { $0.platform.map(arm64.accepts) ?? false }?.descriptor.digest == "sha256:aa")
        #expect(arm64.accepts(ContainerdPlatform(os: "linux", architecture: "arm64")), "a missing variant matches")
        #expect(!arm64.accepts(ContainerdPlatform(os: "linux", architecture: "arm64", variant: "v9")))
    }

    @Test("a media type neither list names is read by its content")
    func unknownMediaType() throws {
        let text = #"{"manifests":[{"digest":"sha256:aa","size":1}]}"#
        #expect(
            try ManifestDocument.read(Array(text.utf8), mediaType: "")
                == .index([
                    .init(descriptor: ContainerdDescriptor(mediaType: "", digest: "sha256:aa", size: 1), platform: nil)
                ]))
    }

    @Test(
        "what is not a manifest says what is missing",
        arguments: [
            (#"[]"#, "not a JSON object"),
            (#"{"layers":[]}"#, "a manifest without config"),
            (#"{"config":{"digest":"sha256:aa"}}"#, "the config without a digest and a size"),
            (#"{"config":{"digest":"sha256:aa","size":-1}}"#, "the config without a digest and a size"),
            (#"{"config":{"digest":"sha256:aa","size":1.5}}"#, "the config without a digest and a size"),
        ])
    func unreadable(text: String, problem: String) {
        #expect(throws: ManifestDocument.Unreadable.self) {
            try ManifestDocument.read(Array(text.utf8), mediaType: "application/vnd.oci.image.manifest.v1+json")
        }
        do {
            _ = try ManifestDocument.read(Array(text.utf8), mediaType: "application/vnd.oci.image.manifest.v1+json")
        } catch {
            #expect("\(error)" == problem)
        }
    }
}
