import AgentCore
import NIOCore

/// The agent's status socket (`STATE_DIR/status.sock`, mode 0600: root only under the packaged unit).
///
/// The protocol is one line each way and a close: the client writes `text` or `json` and a newline, the agent
/// answers with the status rendered so (`StatusText`, `StatusJSON`), as it was after the loop's last batch of
/// inputs, and closes. Rendering here keeps `reclaimd status` free of a JSON reader.
public struct StatusServer: Sendable {
    public static let fileName = "status.sock"
    let socket: ListeningSocket<ByteBuffer, ByteBuffer>
    let board: StatusBoard

    /// Binds `STATE_DIR/status.sock`, replacing a stale one.
    /// `gate` bounds its clients (`ConnectionLimits.status`).
    public static func bind(
        directory: String, board: StatusBoard, gate: ConnectionGate? = nil
    ) async throws -> StatusServer {
        let socket = try await ListeningSocket<ByteBuffer, ByteBuffer>.bind(
            .unix(path: directory + "/" + fileName, mode: 0o600), gate: gate
        ) { _ in }
        return StatusServer(socket: socket, board: board)
    }

    /// Answers requests until cancelled; then removes the socket.
    public func serve() async {
        let board = self.board
        await socket.serve { connection in
            try? await connection.executeThenClose { inbound, outbound in
                var request = ByteBuffer()
                for try await chunk in inbound {
                    var chunk = chunk
                    request.writeBuffer(&chunk)
                    if request.readableBytesView.contains(UInt8(ascii: "\n")) || request.readableBytes > 64 { break }
                }
                let format = String(buffer: request).split(separator: "\n").first.map(String.init) ?? ""
                try await outbound.write(ByteBuffer(string: Self.answer(format, board.snapshot)))
            }
        }
    }

    /// The answer to a request line.
    static func answer(_ format: String, _ snapshot: StatusSnapshot?) -> String {
        guard let snapshot else { return "starting: no status yet\n" }
        switch format {
        case "json": return StatusJSON.render(snapshot) + "\n"
        case "text": return StatusText.render(snapshot)
        default: return "unknown request \"\(format.prefix(32))\": send \"text\" or \"json\"\n"
        }
    }
}
