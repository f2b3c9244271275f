import Hummingbird
import Logging

/// Every failure leaves as `{"error", "message"}` JSON: the service's own errors, the router's
/// 404, the body limit's 413, and anything unexpected as a 500 whose details stay in the log.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return error.response()
        } catch let error as HTTPError where error.status == .notFound {
            return ServiceError(.notFound, "not_found", "no such route: \(request.method) \(request.uri.path)").response()
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return ServiceError(.contentTooLarge, "body_too_large", "the request body is over \(Limits.bodyBytes) bytes").response()
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return ServiceError(error.status, "bad_request", error.status.reasonPhrase).response()
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return ServiceError(.internalServerError, "internal", "the service failed; the error is in its log").response()
        }
    }
}

enum Limits {
    /// Request bodies larger than this are refused with 413 before they are parsed.
    static let bodyBytes = 4096
}
