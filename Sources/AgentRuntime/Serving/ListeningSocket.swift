import AgentCore
import EngineAdapter
import EventLoop
import Glibc
import NIOCore
import NIOPosix

/// A server socket on the process's one event loop (`SharedEventLoop`): bound first, so that a bad address fails
/// at start, then serving each connection in a task of its own until cancelled. For the status socket and the
/// metrics endpoint.
public struct ListeningSocket<Inbound: Sendable, Outbound: Sendable>: Sendable {
    /// Where to listen.
    public enum Address: Sendable, Equatable, CustomStringConvertible {
        case tcp(host: String, port: Int)
        /// A unix socket, created with `mode` (a stale socket file there is replaced) and removed at the end.
        case unix(path: String, mode: mode_t)

        public var description: String {
            switch self {
            case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            case .unix(let path, _): return "unix://\(path)"
            }
        }
    }

    public typealias Connection = NIOAsyncChannel<Inbound, Outbound>
    let address: Address
    let server: NIOAsyncChannel<Connection, Never>

    /// Binds `address`; `configure` adds the connection's handlers (e.g. HTTP) to each accepted channel. With
    /// a `gate`, connections beyond its bound are closed as they are accepted, and each served one is held to
    /// its timeouts and size limit (`AdmissionHandler`, `ExchangeGuard`).
    public static func bind(
        _ address: Address, gate: ConnectionGate? = nil, configure: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> ListeningSocket {
        let bootstrap = ServerBootstrap(group: SharedEventLoop.group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { server in
                server.eventLoop.makeCompletedFuture {
                    if let gate { try server.pipeline.syncOperations.addHandler(AdmissionHandler(gate: gate)) }
                }
            }
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                try configure(channel)
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        let server: NIOAsyncChannel<Connection, Never>
        switch address {
        case .tcp(let host, let port):
            server = try await bootstrap.bind(host: host, port: port, childChannelInitializer: initializer)
        case .unix(let path, let mode):
            server = try await bootstrap.bind(
                unixDomainSocketPath: path, cleanupExistingSocketFile: true,
                childChannelInitializer: initializer)
            chmod(path, mode)
        }
        return ListeningSocket(address: address, server: server)
    }

    /// The port bound, for a TCP address with port 0.
    public var boundPort: Int? { server.channel.localAddress?.port }

    /// Serves every connection with `handle` until cancelled; then closes the socket (and removes a unix one).
    public func serve(_ handle: @escaping @Sendable (Connection) async -> Void) async {
        await withDiscardingTaskGroup { group in
            try? await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await handle(connection) }
                }
            }
            group.cancelAll()
        }
        if case .unix(let path, _) = address { unlink(path) }
    }
}
