import ContainerdMessages
import GRPCCore

extension ContainerdClient {
    /// Subscribes to containerd's events and runs `body` with their stream; the subscription ends when `body`
    /// returns.
    ///
    /// `filters` are containerd's (any one matching lets an event through), e.g. `topic~="/images/"`,
    /// `namespace==k8s.io`; none means every event of every namespace. containerd sends nothing back until the
    /// first event, so a caller that must know the subscription is in place makes an event and waits for it.
    public func subscribe<Result: Sendable>(
        filters: [String] = [],
        _ body: @escaping @Sendable (ContainerdEventStream) async throws -> Result
    ) async throws -> Result {
        let service = Containerd_Services_Events_V1_Events.Client(wrapping: grpc)
        var request = Containerd_Services_Events_V1_SubscribeRequest()
        request.filters = filters
        do {
            return try await service.subscribe(request) { response in
                try await body(ContainerdEventStream(messages: response.messages))
            }
        } catch {
            throw CallFailure.mapped(error, operation: "events.Subscribe")
        }
    }
}
