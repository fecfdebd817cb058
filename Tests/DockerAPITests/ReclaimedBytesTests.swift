import DockerAPI
import EngineAdapter
import Formats
import Time
import Testing

@Suite("Reclaimed bytes")
struct ReclaimedBytesTests {
    @Test(
        "accepts decimal counts up to UInt64.max",
        arguments: [
            ("0", UInt64(0)), ("9322288", 9_322_288), ("18446744073709551615", UInt64.max), ("007", 7),
        ])
    func valid(text: String, value: UInt64) {
        #expect(ReclaimedBytes.parse(text) == .bytes(value))
    }

    @Test(
        "calls anything else invalid, never a wrong number",
        arguments: [
            "", "-1", "+1", " 1", "1 ", "1.5", "1e3", "0x10", "18446744073709551616", "99999999999999999999999", "ten",
            "١٢",
        ])
    func invalid(text: String) {
        #expect(ReclaimedBytes.parse(text) == .invalid(text))
    }

    @Test("absent stays absent")
    func absent() {
        #expect(ReclaimedBytes.parse(nil) == .absent)
    }

    private func prune(_ attributes: [String: String]) -> EngineEvent {
        EngineEvent(type: "image", action: "prune", attributes: attributes, time: Timestamp(seconds: 1))
    }

    @Test("Docker: a missing or bad reclaimed gives unknown bytes and a warning")
    func dockerWarnings() {
        let normalizer = EventNormalizer(engine: .docker)
        let missing = normalizer.normalize(prune([:]))
        #expect(missing.event.reclaimedBytes == nil)
        #expect(missing.warning?.contains("no reclaimed attribute") == true)
        let negative = normalizer.normalize(prune(["reclaimed": "-5"]))
        #expect(negative.event.reclaimedBytes == nil)
        #expect(negative.warning?.contains("\"-5\"") == true)
        let good = normalizer.normalize(prune(["reclaimed": "12"]))
        #expect(good.event.reclaimedBytes == 12)
        #expect(good.warning == nil)
    }

    @Test("Podman never reports reclaimed: unknown without a warning; a bad value still warns")
    func podman() {
        let normalizer = EventNormalizer(engine: .podman)
        #expect(normalizer.normalize(prune(["name": "pdata"])).warning == nil)
        #expect(normalizer.normalize(prune(["reclaimed": "x"])).warning != nil)
    }

    @Test("non-prune events carry no bytes and no warning")
    func nonPrune() {
        let result = EventNormalizer(engine: .docker).normalize(
            EngineEvent(type: "container", action: "destroy", time: Timestamp(seconds: 1)))
        #expect(result.event.reclaimedBytes == nil)
        #expect(result.warning == nil)
    }
}
