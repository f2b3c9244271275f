import NIOCore
import NIOHTTPTypes
import SpentListAPI

/// A whole request must arrive within a bound from its first byte (issue 14 §1.7): a client
/// that sends one byte every few seconds kept a connection open for ever, because every byte
/// restarted the idle timer. NIO's `IdleStateHandler` has the same blind spot (any read resets
/// it), so this handler sits first in the pipeline, sees raw bytes, and notes when the current
/// request began; `RequestEndWatcher`, after the HTTP decoder, says when the request is complete.
///
/// One timer per connection looks every `period` at the request in progress, rather than a timer
/// scheduled and cancelled for every request: under `make bench-service` those cost about 4% of
/// the service's CPU (NIO's scheduled-task heap, perf record 2026-11-27). A request is thus cut
/// off between `timeout` and `timeout + period` after its first byte.
final class RequestDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let period: TimeAmount
    /// A refused connection gets its bound from the connection itself: it must send its
    /// request (to be answered 503) or go.
    private let startsAtConnection: Bool
    /// When the request in progress began; nil between requests.
    private var requestStart: NIODeadline?
    private var check: Scheduled<Void>?
    /// Whether the decoder has read the current request's head: before it, the service has
    /// not begun to answer, so a 408 can be written; after it, the connection is only closed.
    private var headRead = false

    init(timeout: Duration, startsAtConnection: Bool) {
        self.timeout = TimeAmount(timeout)
        period = min(.seconds(1), .nanoseconds(self.timeout.nanoseconds / 4))
        self.startsAtConnection = startsAtConnection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if startsAtConnection { requestStart = .now() }
        scheduleCheck(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if requestStart == nil { requestStart = .now() }
        context.fireChannelRead(data)
    }

    /// The decoder read a request head.
    func headWasRead() {
        headRead = true
        if requestStart == nil { requestStart = .now() }
    }

    /// The decoder read the end of a request: the next one gets a deadline of its own.
    func requestWasRead() {
        requestStart = nil
        headRead = false
    }

    private func scheduleCheck(_ context: ChannelHandlerContext) {
        check = context.eventLoop.assumeIsolated().scheduleTask(in: period) { [self] in
            if let requestStart, NIODeadline.now() >= requestStart + timeout {
                check = nil
                expire(context)
            } else {
                scheduleCheck(context)
            }
        }
    }

    private func expire(_ context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        if headRead {
            context.close(promise: nil)
            return
        }
        let answer = RawAnswer.bytes(
            status: "408 Request Timeout",
            API.ErrorBody(error: .requestTimeout, message: "the request did not arrive whole within \(Self.seconds(timeout)) s"))
        context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

extension RequestDeadline {
    /// "15", "0.3": the bound as people read it.
    static func seconds(_ amount: TimeAmount) -> String {
        let seconds = Double(amount.nanoseconds) / 1e9
        return seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// After the HTTP decoder: tells the connection's `RequestDeadline` where requests begin and end.
final class RequestEndWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let deadline: RequestDeadline

    init(_ deadline: RequestDeadline) {
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadline.headWasRead()
        case .body: break
        case .end: deadline.requestWasRead()
        }
        context.fireChannelRead(data)
    }
}
