import SwiftProtobuf

/// Decodes an event payload (`google.protobuf.Any`: type URL and bytes) into a `ContainerdEventPayload`.
///
/// One entry per event message of containerd's API, keyed by message name. Image events are listed under both
/// names they have had: `containerd.services.images.v1.Image*` (containerd 1.x, whose image.proto is in that
/// package) and `containerd.events.Image*` (containerd 2). Empty strings are left out (proto3 cannot tell them
/// from absent), numbers are always there. Never traps: unknown types and undecodable bytes are values.
public enum EventPayloadDecoder {
    public typealias Attribute = ContainerdEventPayload.Attribute

    public static func decode(typeURL: String, value: some SwiftProtobufContiguousBytes) -> ContainerdEventPayload {
        let bytes = value.withUnsafeBytes { Array($0) }
        let unknown = ContainerdEventPayload(typeURL: typeURL, attributes: [], bytes: bytes)
        guard let decoder = decoders[unknown.messageName] else { return unknown }
        do {
            return ContainerdEventPayload(typeURL: typeURL, attributes: try decoder(bytes), bytes: bytes)
        } catch {
            return ContainerdEventPayload(typeURL: typeURL, attributes: [], bytes: bytes, undecodable: "\(error)")
        }
    }

    /// The message names this decoder knows, for documentation and tests.
    public static var knownMessageNames: [String] { decoders.keys.sorted() }

    private typealias Decoder = @Sendable ([UInt8]) throws -> [Attribute]

    private static func entry<M: Message>(
        _ type: M.Type, _ attributes: @escaping @Sendable (M) -> [Attribute?]
    ) -> Decoder {
        { bytes in attributes(try M(serializedBytes: bytes)).compactMap { $0 } }
    }

    private static let decoders: [String: Decoder] = {
        var table: [String: Decoder] = [
            "containerd.events.ContainerCreate": entry(Containerd_Events_ContainerCreate.self) {
                [text("id", $0.id), text("image", $0.image), text("runtime", $0.runtime.name)]
            },
            "containerd.events.ContainerUpdate": entry(Containerd_Events_ContainerUpdate.self) {
                [text("id", $0.id), text("image", $0.image), text("snapshot_key", $0.snapshotKey)] + labels($0.labels)
            },
            "containerd.events.ContainerDelete": entry(Containerd_Events_ContainerDelete.self) { [text("id", $0.id)] },
            "containerd.events.ContentDelete": entry(Containerd_Events_ContentDelete.self) {
                [text("digest", $0.digest)]
            },
            "containerd.events.NamespaceCreate": entry(Containerd_Events_NamespaceCreate.self) {
                [text("name", $0.name)] + labels($0.labels)
            },
            "containerd.events.NamespaceUpdate": entry(Containerd_Events_NamespaceUpdate.self) {
                [text("name", $0.name)] + labels($0.labels)
            },
            "containerd.events.NamespaceDelete": entry(Containerd_Events_NamespaceDelete.self) {
                [text("name", $0.name)]
            },
            "containerd.events.SnapshotPrepare": entry(Containerd_Events_SnapshotPrepare.self) {
                [text("key", $0.key), text("parent", $0.parent)]
            },
            "containerd.events.SnapshotCommit": entry(Containerd_Events_SnapshotCommit.self) {
                [text("key", $0.key), text("name", $0.name)]
            },
            "containerd.events.SnapshotRemove": entry(Containerd_Events_SnapshotRemove.self) { [text("key", $0.key)] },
            "containerd.events.TaskCreate": entry(Containerd_Events_TaskCreate.self) {
                [
                    text("container_id", $0.containerID), text("bundle", $0.bundle), text("checkpoint", $0.checkpoint),
                    number("pid", $0.pid),
                ]
            },
            "containerd.events.TaskStart": entry(Containerd_Events_TaskStart.self) {
                [text("container_id", $0.containerID), number("pid", $0.pid)]
            },
            "containerd.events.TaskDelete": entry(Containerd_Events_TaskDelete.self) {
                [
                    text("container_id", $0.containerID), text("id", $0.id), number("pid", $0.pid),
                    number("exit_status", $0.exitStatus),
                ]
            },
            "containerd.events.TaskExit": entry(Containerd_Events_TaskExit.self) {
                [
                    text("container_id", $0.containerID), text("id", $0.id), number("pid", $0.pid),
                    number("exit_status", $0.exitStatus),
                ]
            },
            "containerd.events.TaskOOM": entry(Containerd_Events_TaskOOM.self) {
                [text("container_id", $0.containerID)]
            },
            "containerd.events.TaskExecAdded": entry(Containerd_Events_TaskExecAdded.self) {
                [text("container_id", $0.containerID), text("exec_id", $0.execID)]
            },
            "containerd.events.TaskExecStarted": entry(Containerd_Events_TaskExecStarted.self) {
                [text("container_id", $0.containerID), text("exec_id", $0.execID), number("pid", $0.pid)]
            },
            "containerd.events.TaskPaused": entry(Containerd_Events_TaskPaused.self) {
                [text("container_id", $0.containerID)]
            },
            "containerd.events.TaskResumed": entry(Containerd_Events_TaskResumed.self) {
                [text("container_id", $0.containerID)]
            },
            "containerd.events.TaskCheckpointed": entry(Containerd_Events_TaskCheckpointed.self) {
                [text("container_id", $0.containerID), text("checkpoint", $0.checkpoint)]
            },
        ]
        let images: [(String, Decoder)] = [
            (
                "ImageCreate",
                entry(Containerd_Services_Images_V1_ImageCreate.self) { [text("name", $0.name)] + labels($0.labels) }
            ),
            (
                "ImageUpdate",
                entry(Containerd_Services_Images_V1_ImageUpdate.self) { [text("name", $0.name)] + labels($0.labels) }
            ),
            ("ImageDelete", entry(Containerd_Services_Images_V1_ImageDelete.self) { [text("name", $0.name)] }),
        ]
        for (name, decoder) in images {
            table["containerd.services.images.v1." + name] = decoder
            table["containerd.events." + name] = decoder
        }
        return table
    }()

    private static func text(_ name: String, _ value: String) -> Attribute? {
        value.isEmpty ? nil : Attribute(name, value)
    }

    private static func number(_ name: String, _ value: UInt32) -> Attribute? {
        Attribute(name, String(value))
    }

    /// Labels as `label.KEY`, in key order; a label without a key (containerd refuses to set one, but the bytes may
    /// say so) names nothing and is left out.
    private static func labels(_ labels: [String: String]) -> [Attribute?] {
        labels.filter { !$0.key.isEmpty }.sorted { $0.key < $1.key }.map { Attribute("label." + $0.key, $0.value) }
    }
}
