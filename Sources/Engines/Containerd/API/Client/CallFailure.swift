import ContainerdMessages
import GRPCCore

/// Turns what a gRPC call threw into a `ContainerdError` that names the operation.
enum CallFailure {
    /// `operation` is the service and method, e.g. "images.Delete"; errors that are already ours pass through.
    static func mapped(_ error: any Error, operation: String) -> any Error {
        if error is ContainerdError || error is CancellationError { return error }
        if let rpc = error as? RPCError {
            return ContainerdError.call(operation: operation, code: String(describing: rpc.code), message: rpc.message)
        }
        return ContainerdError.call(operation: operation, code: "client", message: String(describing: error))
    }

    /// Whether `error` is a gRPC "not found".
    static func isNotFound(_ error: any Error) -> Bool {
        (error as? RPCError)?.code == .notFound
    }

    /// Runs one call, mapping its failure.
    static func calling<Result>(_ operation: String, _ call: () async throws -> Result) async throws -> Result {
        do {
            return try await call()
        } catch {
            throw mapped(error, operation: operation)
        }
    }
}
