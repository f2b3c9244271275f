import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import SpentList
import SpentListAPI

/// Every failure leaves as `{"error", "message"}` JSON: the service's own errors, the router's
/// 404, the body limit's 413, and anything unexpected as a 500 whose details stay in the log.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Where store failures are logged, beside the service's other errors.
    var serviceLogger: Logger?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return error.response()
        } catch let error as HTTPError where error.status == .notFound {
            return ServiceError(.notFound, .notFound, "no such route: \(request.method) \(request.uri.path)").response()
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return ServiceError(.contentTooLarge, .bodyTooLarge, "the request body is too large (\(Limits.bodyBytes) bytes at most; \(Limits.offlineBodyBytes) for offline redemptions)").response()
        } catch let error as HTTPParserError {
            // The request broke HTTP/1.1 while its body was read (a bad chunk size, say): the
            // client's fault, not the service's. The connection is closed after this answer.
            return ServiceError(.badRequest, .badRequest, "the request is not valid HTTP/1.1 (\(error))").response()
        } catch let error as SpentListError {
            // A store failure outside a route's own handling (authentication): 503, not 500.
            (serviceLogger ?? context.logger).error("store failure", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return ServiceError(.serviceUnavailable, .storage, "the spent list cannot be read or written right now").response()
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return ServiceError(error.status, .badRequest, error.status.reasonPhrase).response()
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return ServiceError(.internalServerError, .internal, "the service failed; the error is in its log").response()
        }
    }
}

enum Limits {
    /// Request bodies larger than this are refused with 413 before they are parsed.
    static let bodyBytes = 4096
    /// `POST /v1/offline-redemptions`: up to `offlineItems` items of about 260 bytes each.
    static let offlineBodyBytes = 384 * 1024
    static let offlineItems = 1000
    /// A scan time may be this far ahead of the service's clock (counters' clocks drift)...
    static let clockSkew: TimeInterval = 300
    /// ...and at most this old: a journal older than a year is a broken clock, not a counter.
    static let oldestScan: TimeInterval = 366 * 86_400
}
