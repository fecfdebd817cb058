import EngineAdapter
import FilesystemSource
import Logging

/// The sources the agent follows together, as one: the engine always, and the filesystem source when the request
/// asks for it. Their reports are merged in the order they come; the first to fail for good ends all.
///
/// The filesystem source's default path is the engine's data root, so without `paths` it starts once the engine
/// said where that is.
public struct CombinedSource: EventSource {
    public let engine: any EventSource
    public let logger: Logger

    public init(engine: any EventSource, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    public func follow(_ request: FollowRequest, report: @escaping @Sendable (SourceReport) async -> Void) async throws
    {
        guard let watch = request.filesystem else {
            return try await engine.follow(request, report: report)
        }
        let (dataRoots, dataRoot) = AsyncStream.makeStream(of: String.self)
        let logger = self.logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await engine.follow(request) { sourceReport in
                    if case .connected(let identity) = sourceReport { dataRoot.yield(identity.dataRoot) }
                    await report(sourceReport)
                }
            }
            group.addTask {
                var paths = watch.paths
                if paths == nil {
                    var roots = dataRoots.makeAsyncIterator()
                    guard let root = await roots.next() else { return }
                    paths = [root]
                }
                let source = FilesystemEventSource(paths: paths ?? [], interval: watch.interval, logger: logger)
                try await source.follow(request, report: report)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
