import ContainerdMessages
import FuzzSupport

/// containerd's event envelopes and payloads from arbitrary bytes: the input as a whole serialized Envelope, and
/// as the payload of every event type the decoder knows (and of one it does not). Decoding never traps, and
/// what it returns is consistent (see `PayloadCheck`).
@main
enum FuzzContainerd {
    static func main() {
        FuzzDriver.run(fuzzContainerd)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContainerd(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    if let envelope = try? ContainerdEnvelope(serializedEnvelope: input.bytes) {
        PayloadCheck.check(envelope.payload, typeURL: envelope.payload.typeURL)
    }
    for name in EventPayloadDecoder.knownMessageNames + ["containerd.events.NotAnEvent"] {
        let typeURL = name.hasSuffix("Create") ? "type.googleapis.com/" + name : name
        PayloadCheck.check(EventPayloadDecoder.decode(typeURL: typeURL, value: input.bytes), typeURL: typeURL,
                           bytes: input.bytes)
    }
    return 0
}
