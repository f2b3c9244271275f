import NIOCore
import NIOHTTP1

/// HTTP/1.0 without `Connection: keep-alive` (and any `Connection: close`, whatever its case)
/// means the client expects the connection closed after the answer. Hummingbird reads only an
/// exact `connection: close`, and the HTTP version is lost after NIO's decoder, so an HTTP/1.0
/// client was held open until the idle timeout (issue 14 §1.9). This handler, right after the
/// decoder, says it in the form Hummingbird reads.
final class ConnectionClose: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // HTTP/1.1 without a Connection header, as every busy client sends, is kept alive: the
        // general reading below (`isKeepAlive`) is skipped for it on the hot path.
        guard case .head(var head) = unwrapInboundIn(data), head.version != .http1_1 || head.headers.contains(name: "connection"),
              !head.isKeepAlive
        else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
