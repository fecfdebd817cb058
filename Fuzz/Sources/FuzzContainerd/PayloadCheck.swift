import ContainerdMessages
import FuzzSupport

/// What every decoded payload must be: named by the type URL it came with, carrying its bytes unchanged, with
/// no attributes when it did not decode or its type is unknown, and attributes that are named (and, but for
/// labels, not empty: the decoder leaves empty strings out).
enum PayloadCheck {
    static func check(_ payload: ContainerdEventPayload, typeURL: String, bytes: [UInt8]? = nil) {
        invariant(payload.typeURL == typeURL, "type URL \(payload.typeURL), given \(typeURL)")
        if let bytes { invariant(payload.bytes == bytes, "the payload's bytes changed") }
        let known = EventPayloadDecoder.knownMessageNames.contains(payload.messageName)
        if !known { invariant(payload.attributes.isEmpty && payload.undecodable == nil, "unknown \(typeURL) has \(payload)") }
        if payload.undecodable != nil { invariant(payload.attributes.isEmpty, "undecodable but with attributes: \(payload)") }
        for attribute in payload.attributes {
            invariant(!attribute.name.isEmpty && attribute.name != "label.", "unnamed attribute in \(payload)")
            invariant(attribute.name.hasPrefix("label.") || !attribute.value.isEmpty, "empty \(attribute.name) in \(payload)")
        }
    }
}
