import NIOPosix

/// The one NIO event-loop thread of the whole process: the engine connections, and the agent's own listeners
/// (status socket, metrics). reclaimd holds one stream and makes a few short calls, and NIO's shared group starts
/// a thread per core, each an idle stack and arena (issue 13: idle memory).
public enum SharedEventLoop {
    public static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
