import NIOCore

/// The first handler of each served connection: drops a client that does not finish its request within the
/// header timeout, sends more than the request size limit, or does not take its answer within the idle
/// timeout. Each drop is counted by the gate. Bytes pass through unchanged.
final class ExchangeGuard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let gate: ConnectionGate
    private var scanner: RequestEndScanner
    private var timer: Scheduled<Void>?

    init(gate: ConnectionGate) {
        self.gate = gate
        scanner = RequestEndScanner(end: gate.limits.requestEnd, limit: gate.limits.maxRequestBytes)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        arm(context, gate.limits.headerTimeout, .headerTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        switch scanner.scan(buffer.readableBytesView) {
        case .incomplete:
            break
        case .ended:
            gate.completed(context.channel)
            arm(context, gate.limits.idleTimeout, .idleTimeout)
        case .tooLarge:
            drop(context, .tooLarge)
            return
        case .after:
            break
        }
        context.fireChannelRead(data)
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: Duration, _ refusal: ConnectionRefusal) {
        timer?.cancel()
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) { [self] in
            drop(context, refusal)
        }
    }

    private func drop(_ context: ChannelHandlerContext, _ refusal: ConnectionRefusal) {
        timer?.cancel()
        guard context.channel.isActive else { return }
        gate.refuse(refusal)
        context.close(promise: nil)
    }
}
