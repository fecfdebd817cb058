import ContainerdAPI
import Foundation
import Testing

extension Integration {
    /// The containerd client against a real, private containerd (standalone, its own root and socket), with the
    /// busybox image of a private dockerd imported by `ctr images import`.
    @Suite("containerd client", .timeLimit(.minutes(4)))
    struct ContainerdClientTests {
        static let namespace = "rd"
        static let image = "docker.io/library/bb:latest"

        @Test("subscribe: ctr images rm is /images/delete with namespace and name; containers create and delete")
        func events() async throws {
            try await withContainerdDaemon { containerd, tarball, _ in
                try containerd.importImage(tarball, namespace: Self.namespace)
                let subscribed = SubscribedFlag()
                let seen = try await ContainerdClient.withClient(socketPath: containerd.socketPath) { client in
                    try await withThrowingTaskGroup(of: [ContainerdEnvelope].self) { group in
                        group.addTask {
                            try await client.subscribe(filters: ["topic~=\"/images/|/containers/\""]) { stream in
                                var seen: [ContainerdEnvelope] = []
                                for try await envelope in stream {
                                    seen.append(envelope)
                                    if !subscribed.value.exchange(true, ordering: .relaxed) {
                                        try containerd.ctr(
                                            Self.namespace, "images tag \(Self.image) docker.io/library/bbx:1")
                                        try containerd.ctr(Self.namespace, "images rm docker.io/library/bbx:1")
                                        try containerd.ctr(Self.namespace, "containers create \(Self.image) c1")
                                        try containerd.ctr(Self.namespace, "containers rm c1")
                                    }
                                    if envelope.topic == "/containers/delete" { return seen }
                                }
                                throw TestFailure("the stream ended after \(seen.map(\.topic))")
                            }
                        }
                        // containerd answers a subscription with nothing until its first event: make warm-up events
                        // until one arrives, then the subscription is surely in place.
                        var warmups = 0
                        while !subscribed.value.load(ordering: .relaxed) {
                            warmups += 1
                            try containerd.ctr(
                                Self.namespace, "images tag \(Self.image) docker.io/library/warmup:\(warmups)")
                            try await Task.sleep(for: .milliseconds(300))
                        }
                        let seen = try await group.next() ?? []
                        return seen.filter { !($0.payload["name"] ?? "").contains("warmup") }
                    }
                }
                let rows = seen.map { "\($0.namespace) \($0.topic) \($0.payload.attributes)" }
                #expect(
                    rows == [
                        "rd /images/create [name=docker.io/library/bbx:1]",
                        "rd /images/delete [name=docker.io/library/bbx:1]",
                        "rd /containers/create [id=c1, image=docker.io/library/bb:latest, runtime=io.containerd.runc.v2]",
                        "rd /containers/delete [id=c1]",
                    ], "\(rows)")
                #expect(seen[1].payload.typeURL == "containerd.services.images.v1.ImageDelete")
                #expect(seen.allSatisfy { $0.payload.undecodable == nil })
                let now = Int64(Date().timeIntervalSince1970)
                #expect(seen.allSatisfy { abs($0.timestamp.seconds - now) < 120 }, "\(seen.map(\.timestamp))")
            }
        }

        @Test("version, root directory, namespaces, images, containers, image size as the content store has it")
        func inventory() async throws {
            try await withContainerdDaemon { containerd, tarball, _ in
                try containerd.importImage(tarball, namespace: Self.namespace)
                try containerd.ctr(Self.namespace, "containers create --label app=x \(Self.image) c1")
                try containerd.ctr("other", "namespaces create other")
                try await ContainerdClient.withClient(socketPath: containerd.socketPath) { client in
                    let version = try await client.version()
                    #expect(try containerd.ctr("default", "version").contains("Version:  \(version)"), "\(version)")
                    #expect(try await client.rootDirectory() == containerd.root)
                    #expect(try await client.namespaces() == ["other", "rd"])

                    let images = try await client.images(namespace: Self.namespace)
                    #expect(images.map(\.name) == [Self.image])
                    let image = try #require(images.first)
                    #expect(image.target.mediaType == "application/vnd.docker.distribution.manifest.v2+json")
                    let listed = try containerd.ctr(Self.namespace, "images ls")
                    #expect(listed.contains(image.target.digest), "\(listed)")
                    #expect(image.createdAt.seconds > 0 && image.updatedAt >= image.createdAt)
                    #expect(try await client.images(namespace: "other").isEmpty)

                    let containers = try await client.containers(namespace: Self.namespace)
                    #expect(containers.map(\.id) == ["c1"])
                    #expect(containers.first?.image == Self.image)
                    #expect(containers.first?.labels["app"] == "x")
                    #expect((containers.first?.createdAt.seconds ?? 0) > 0)

                    // The oracle: every blob the manifest names, read back with `ctr content get` and counted.
                    let size = try await client.imageSize(namespace: Self.namespace, name: Self.image)
                    #expect(size.total > 1_000_000, "busybox alone is about 2 MB: \(size)")
                    #expect(size.missing.isEmpty)
                    #expect(size.platform == ContainerdPlatform.current.description)
                    let manifest = try containerd.ctr(Self.namespace, "content get \(image.target.digest)")
                    let digests = [image.target.digest] + (try Self.digests(inManifest: manifest))
                    #expect(size.blobs.map(\.digest) == digests)
                    var expected: Int64 = 0
                    for digest in digests {
                        let bytes = try containerd.ctr(Self.namespace, "content get \(digest) | wc -c")
                        expected += Int64(bytes.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                    }
                    #expect(size.total == expected)
                }
            }
        }

        @Test(
            "deleteImage removes for real; a missing image, namespace, socket, or a socket that is not containerd's fails clearly"
        )
        func deleteAndErrors() async throws {
            try await withContainerdDaemon { containerd, tarball, docker in
                try containerd.importImage(tarball, namespace: Self.namespace)
                try await ContainerdClient.withClient(socketPath: containerd.socketPath) { client in
                    let before = try containerd.ctr(Self.namespace, "content ls -q").split(separator: "\n").map(
                        String.init)
                    let image = try await client.image(namespace: Self.namespace, name: Self.image)
                    #expect(before.contains(image.target.digest), "\(before)")
                    try await client.deleteImage(namespace: Self.namespace, name: Self.image)
                    #expect(try await client.images(namespace: Self.namespace).isEmpty)
                    #expect(!(try containerd.ctr(Self.namespace, "images ls -q")).contains("bb"))
                    // A synchronous delete has collected the blobs only this image held.
                    #expect(try containerd.ctr(Self.namespace, "content ls -q").isEmpty)

                    await #expect(throws: ContainerdError.imageNotFound(namespace: Self.namespace, name: Self.image)) {
                        try await client.deleteImage(namespace: Self.namespace, name: Self.image)
                    }
                    await #expect(throws: ContainerdError.namespaceMissing(namespace: "nope")) {
                        try await client.images(namespace: "nope")
                    }
                    await #expect(throws: ContainerdError.namespaceMissing(namespace: "nope")) {
                        try await client.deleteImage(namespace: "nope", name: Self.image)
                    }
                }
                let missing = containerd.directory + "/absent.sock"
                await #expect(throws: ContainerdError.socketMissing(path: missing, reason: "No such file or directory"))
                {
                    try await ContainerdClient.withClient(socketPath: missing) { _ in }
                }
                do {
                    try await ContainerdClient.withClient(socketPath: docker.socketPath, connectTimeout: .seconds(5)) {
                        _ in
                    }
                    Issue.record("dockerd's socket was taken for containerd's")
                } catch let error as ContainerdError {
                    guard case .notContainerd(let path, _) = error else {
                        Issue.record("\(error)")
                        return
                    }
                    #expect(path == docker.socketPath)
                    #expect("\(error)".contains("is it containerd's socket"))
                }
            }
        }

        /// The config and layer digests of a manifest, read with python3's json (not the client's reader).
        static func digests(inManifest manifest: String) throws -> [String] {
            let directory = try makeScratchDirectory("rdk")
            defer { _ = try? Shell.run("rm -rf '\(directory)'") }
            try manifest.write(toFile: directory + "/m.json", atomically: true, encoding: .utf8)
            let script =
                "import json,sys; m=json.load(open(sys.argv[1])); print('\\n'.join([m['config']['digest']] + [l['digest'] for l in m['layers']]))"
            return try Shell.succeed("python3 -c \"\(script)\" '\(directory)/m.json'").split(separator: "\n").map(
                String.init)
        }
    }
}
