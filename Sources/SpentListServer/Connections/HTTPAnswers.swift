import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import SpentListAPI

/// The parts of an error answer with the service's JSON body.
enum ErrorParts {
    static func head(_ status: HTTPResponse.Status, length: Int, close: Bool) -> HTTPResponse {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(length)]
        if close { fields[.connection] = "close" }
        return HTTPResponse(status: status, headerFields: fields)
    }

    static func body(_ reason: Reason, _ message: String) -> ByteBuffer {
        ByteBuffer(data: API.encode(API.ErrorBody(error: reason, message: message)) + Data("\n".utf8))
    }
}

/// A connection over the caps of `ConnectionLimits`: each request on it is answered 503 with
/// the JSON error body, and the connection is closed once that request is read. Nothing
/// reaches the service.
final class OverCapacityAnswer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            let body = ErrorParts.body(.tooManyConnections, "the service has too many open connections (from your address or in all); try again in a moment")
            context.write(wrapOutboundOut(.head(ErrorParts.head(.serviceUnavailable, length: body.readableBytes, close: true))), promise: nil)
            context.write(wrapOutboundOut(.body(body)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .body:
            break
        case .end:
            context.close(promise: nil)
        }
    }
}

/// A request whose head breaks HTTP/1.1 (a header larger than the decoder's limit, say) is
/// answered by Hummingbird with an empty 400 before any route runs; this handler, after the
/// HTTP codec, gives that 400 the service's JSON body like every other error. It only rewrites
/// the 400 that follows a parser error read between requests.
final class ParseErrorAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var inRequest = false
    private var parserError: HTTPParserError?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: inRequest = true
        case .body: break
        case .end: inRequest = false
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError, !inRequest { parserError = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard let error = parserError, case .head(let head) = unwrapOutboundIn(data), head.status == .badRequest else {
            context.write(data, promise: promise)
            return
        }
        parserError = nil
        let body = ErrorParts.body(.badRequest, Self.words(error))
        context.write(wrapOutboundOut(.head(ErrorParts.head(.badRequest, length: body.readableBytes, close: true))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: promise)
    }

    static func words(_ error: HTTPParserError) -> String {
        switch error {
        case .headerOverflow: "the request's headers are too large (\(HTTPLimits.headerBytes) bytes at most)"
        default: "the request is not valid HTTP/1.1 (\(error))"
        }
    }
}
