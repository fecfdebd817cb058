import NIOCore

/// The first handler of a listening socket's pipeline: sees each accepted connection before anything is made
/// for it, and closes it at once when its gate has no place left. A refused connection costs a descriptor for
/// the instant between accept and close, and no handler, task or buffer. A full gate may instead close the
/// oldest connection still sending its request (`AdmissionBook`).
final class AdmissionHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel
    let gate: ConnectionGate

    init(gate: ConnectionGate) {
        self.gate = gate
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let accepted = unwrapInboundIn(data)
        guard gate.admit(accepted) else {
            accepted.close(promise: nil)
            return
        }
        let gate = self.gate
        accepted.closeFuture.whenComplete { _ in gate.release(accepted) }
        // Here, on the event loop at accept, rather than when the serving task takes the connection: its clock
        // runs from accept even while every task is busy.
        do {
            try accepted.pipeline.syncOperations.addHandler(ExchangeGuard(gate: gate), position: .first)
        } catch {
            accepted.close(promise: nil)
            return
        }
        context.fireChannelRead(data)
    }
}
