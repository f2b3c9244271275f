import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 channel with the service's guards around it (issue 14 §1.7, §1.9):
/// each connection is admitted by the `ConnectionGate` (served, answered 503, or closed at
/// once), has a `RequestDeadline` for each request, and a parser error's 400 gets a JSON body.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http: HTTP1Channel
    let gate: ConnectionGate
    let logger: Logger

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, logger: Logger) {
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: HTTPLimits.headerBytes, maxHeaderListSize: HTTPLimits.headerBytes)
        http = HTTP1Channel(
            responder: responder,
            configuration: .init(idleTimeout: TimeAmount(limits.idleTimeout), httpDecoderConfiguration: decoder))
        gate = ConnectionGate(limits: limits)
        self.logger = logger
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        let admission = gate.open(address)
        channel.closeFuture.whenComplete { [gate] _ in gate.close(address, admission) }
        if admission != .served {
            self.logger.warning("connection refused: too many open", metadata: ["address": "\(address)", "answered": "\(admission == .refused)"])
        }
        let deadline = RequestDeadline(timeout: gate.limits.requestTimeout, startsAtConnection: admission != .served)
        do {
            // First, before the HTTP decoder: the deadline counts raw bytes.
            try channel.pipeline.syncOperations.addHandler(deadline)
        } catch {
            // A failed set-up would be reported on the listening socket; close this one only.
            channel.close(promise: nil)
        }
        return http.setup(channel: channel, logger: logger).map { value in
            do {
                try Self.addHandlers(to: channel, deadline: deadline, refusing: admission == .refused)
            } catch {
                channel.close(promise: nil)
            }
            if admission == .dropped { channel.close(promise: nil) }
            return value
        }
    }

    /// After the HTTP codec, before Hummingbird's connection state: the request-end watcher,
    /// the parser error's JSON, and on a refused connection the 503. Right after the decoder:
    /// `Connection: close` for HTTP/1.0.
    private static func addHandlers(to channel: any Channel, deadline: RequestDeadline, refusing: Bool) throws {
        let pipeline = channel.pipeline.syncOperations
        let state = try pipeline.handler(type: HTTPConnectionStateHandler.self)
        var handlers: [any ChannelHandler] = [RequestEndWatcher(deadline), ParseErrorAnswer()]
        if refusing { handlers.append(OverCapacityAnswer()) }
        for handler in handlers { try pipeline.addHandler(handler, position: .before(state)) }
        let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
        try pipeline.addHandler(ConnectionClose(), position: .after(decoder))
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}

enum HTTPLimits {
    /// A request's header lines, all together (Hummingbird's default).
    static let headerBytes = 80 * 1024
}
