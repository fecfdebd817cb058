import ContainerdMessages
import GRPCCore

/// The envelopes of one subscription, in the order containerd sent them.
///
/// It ends when the subscription does: with an error when containerd goes away or the call fails (a
/// `ContainerdError`), without one when containerd closes the stream. containerd keeps no backlog: what happened
/// while nobody was subscribed is not sent again.
public struct ContainerdEventStream: AsyncSequence, Sendable {
    public typealias Element = ContainerdEnvelope
    public typealias Failure = any Error

    let messages: RPCAsyncSequence<Containerd_Services_Events_V1_Envelope, any Error>

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: messages.makeAsyncIterator())
    }

    public struct Iterator: AsyncIteratorProtocol {
        var base: RPCAsyncSequence<Containerd_Services_Events_V1_Envelope, any Error>.AsyncIterator

        public mutating func next() async throws -> ContainerdEnvelope? {
            do {
                return try await base.next().map(ContainerdEnvelope.init)
            } catch {
                throw CallFailure.mapped(error, operation: "events.Subscribe")
            }
        }
    }
}
