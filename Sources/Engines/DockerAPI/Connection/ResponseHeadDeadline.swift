import EngineAdapter
import NIOCore
import NIOHTTP1
import Time

/// The time an engine has to send its status line and headers after reclaimd connected.
///
/// An engine that accepts a connection and then hangs (a daemon stuck on a lock, a proxy that lost its
/// backend) would otherwise hold `events`, `run` and `gc` forever without a word. When the deadline passes, the
/// connection is failed with `Expired` and closed; the transport turns that into an `EngineError.timedOut` that
/// names the request, which the subscription journals and retries like any lost connection.
enum ResponseHeadDeadline {
    /// Thrown into the channel's pipeline when the head did not come in time.
    struct Expired: Error {}

    /// Schedules the failure on the channel's event loop; cancel it once the head arrived.
    static func arm(on channel: any Channel, after timeout: TimeAmount) -> Scheduled<Void> {
        channel.eventLoop.scheduleTask(in: timeout) {
            channel.pipeline.fireErrorCaught(Expired())
            channel.close(promise: nil)
        }
    }

    /// What the caller is told: which request waited how long, and that it will be tried again.
    static func failure(
        endpoint: EngineEndpoint, method: HTTPMethod, path: String, after timeout: TimeAmount
    ) -> EngineError {
        let waited = DurationText.format(.nanoseconds(timeout.nanoseconds))
        return EngineError(
            .timedOut,
            "the engine at \(endpoint) accepted the connection but sent no answer to \(method) \(path) within \(waited) (is it hung?)"
        )
    }
}
