import DockerAPI
import EngineAdapter
import EventModel
import FuzzSupport

/// The event stream as `GET /events` delivers it: arbitrary bytes in arbitrary chunks, for both engines.
@main
enum FuzzEvents {
    static func main() {
        FuzzDriver.run(fuzzEvents)
    }
}

/// One input: the framer against a reference, then the whole decoder for Docker and Podman.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvents(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    FramingCheck.check(input)
    var eventsByEngine: [EngineKind: [ReclaimEvent]] = [:]
    for engine in EngineKind.allCases {
        let items = StreamCheck.itemsAlike(input, engine: engine)
        let events = items.compactMap { item -> ReclaimEvent? in
            if case .event(let event) = item { return event }
            return nil
        }
        // The engines' events are compared below, so one engine's JSON covers both.
        if engine == .docker {
            for event in events { EventCheck.check(event, engine: engine) }
        }
        eventsByEngine[engine] = events
    }
    StreamCheck.enginesAgree(eventsByEngine)
    return 0
}
