import ContainerdMessages
import GRPCCore
import GRPCNIOTransportHTTP2Posix

/// A thin client of containerd's gRPC API on its unix socket: version and root directory, the event stream,
/// namespaces, images (with their size in the content store, and removal) and containers.
///
/// It knows gRPC and containerd, nothing of reclaimd's rules: callers turn what it returns into their own model.
/// Get one with `withClient(socketPath:_:)`, which owns the connection for as long as its closure runs (gRPC's
/// client needs its connections run in a task of their own; that task and the graceful shutdown are kept here).
/// Reconnecting is the caller's business: when containerd goes away, calls fail and an open event stream ends
/// with an error; call `withClient` again.
public struct ContainerdClient: Sendable {
    /// The socket this client talks to, for messages.
    public let socketPath: String
    let grpc: GRPCClient<HTTP2ClientTransport.Posix>

    init(socketPath: String, grpc: GRPCClient<HTTP2ClientTransport.Posix>) {
        self.socketPath = socketPath
        self.grpc = grpc
    }

    /// Connects to containerd at `socketPath`, checks that it is containerd (its version call answers), runs
    /// `body` with the client, and closes the connection gracefully when `body` returns or throws.
    ///
    /// Throws `ContainerdError.socketMissing` when there is no socket at the path, `.notContainerd` when the
    /// socket does not answer containerd's version call in `connectTimeout`, and whatever `body` throws.
    public static func withClient<Result: Sendable>(
        socketPath: String,
        connectTimeout: Duration = .seconds(10),
        _ body: (ContainerdClient) async throws -> Result
    ) async throws -> Result {
        try SocketCheck.requireSocket(at: socketPath)
        let transport = try HTTP2ClientTransport.Posix(
            target: .unixDomainSocket(path: socketPath),
            transportSecurity: .plaintext
        )
        return try await withGRPCClient(transport: transport) { grpc in
            let client = ContainerdClient(socketPath: socketPath, grpc: grpc)
            do {
                _ = try await client.version(timeout: connectTimeout)
            } catch let error as ContainerdError {
                if case .call(_, let code, let message) = error {
                    throw ContainerdError.notContainerd(path: socketPath, reason: "\(code): \(message)")
                }
                throw error
            }
            return try await body(client)
        }
    }
}
