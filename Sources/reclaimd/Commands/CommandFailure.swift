import ArgumentParser
import EngineAdapter
import Journal
import JournalFormat

/// Exit statuses, from sysexits(3) so that service managers can tell failures apart.
enum ExitStatus {
    /// `status`: no agent is running (as `systemctl status` says of a stopped unit).
    static let notRunning: Int32 = 3
    /// `report`: the journal cannot be opened or read.
    static let noInput: Int32 = 66
    /// The engine cannot be reached (missing socket, refused, no permission).
    static let unavailable: Int32 = 69
    /// The engine answered with an error or broke the protocol.
    static let protocolError: Int32 = 76
    /// The state directory or file cannot be created or written; the metrics address cannot be bound.
    static let cannotCreate: Int32 = 73
    /// `status`: the status socket may not be used (not root), or asking failed.
    static let noPermission: Int32 = 77
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
            case .unreachable, .permissionDenied, .connectionLost, .timedOut, .infoUnavailable:
                throw ExitCode(ExitStatus.unavailable)
            case .engineAnswered, .protocolViolation:
                throw ExitCode(ExitStatus.protocolError)
            }
        }
    }
}
