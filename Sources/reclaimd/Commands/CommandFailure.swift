import ArgumentParser
import EngineAPI
import Journal

/// Exit statuses, from sysexits(3) so that service managers can tell failures apart.
enum ExitStatus {
    /// `report`: the journal cannot be opened or read.
    static let noInput: Int32 = 66
    /// The engine cannot be reached (missing socket, refused, no permission).
    static let unavailable: Int32 = 69
    /// The engine answered with an error or broke the protocol.
    static let protocolError: Int32 = 76
    /// The state directory or file cannot be created or written.
    static let cannotCreate: Int32 = 73
    /// The configuration is invalid.
    static let configuration: Int32 = 78
}

/// Turns failures into one clear line on stderr and a distinct exit status.
enum CommandFailure {
    @discardableResult
    static func reporting<Value>(_ work: () async throws -> Value) async throws -> Value {
        do {
            return try await work()
        } catch let error as EngineError {
            Console.error.writeLine("reclaimd: \(error.message)")
            switch error.code {
            case .unreachable, .permissionDenied, .connectionLost, .infoUnavailable:
                throw ExitCode(ExitStatus.unavailable)
            case .engineAnswered, .protocolViolation:
                throw ExitCode(ExitStatus.protocolError)
            }
        }
    }
}
