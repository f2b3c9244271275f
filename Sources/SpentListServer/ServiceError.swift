import Foundation
import Hummingbird
import SpentListAPI

/// The one error type of the service: an HTTP status and the `API.ErrorBody` it answers with
/// (a stable reason, words for people, and for a 409 the first redemption's details).
public struct ServiceError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let body: API.ErrorBody
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ body: API.ErrorBody, headers: HTTPFields = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    public init(_ status: HTTPResponse.Status, _ reason: Reason, _ message: String, headers: HTTPFields = [:]) {
        self.init(status, API.ErrorBody(error: reason, message: message), headers: headers)
    }

    public var reason: Reason { body.error }
    public var message: String { body.message }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    public func response() -> Response {
        var response = jsonResponse(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    static let unauthorized = ServiceError(
        .unauthorized, .unauthorized, "a valid API key is needed: Authorization: Bearer <key>",
        headers: [.wwwAuthenticate: "Bearer"])
    static let adminOnly = ServiceError(.forbidden, .forbidden, "this route needs the admin key")
    static let partnerOnly = ServiceError(.forbidden, .forbidden, "the admin key cannot redeem passes; use a partner key")
    static let officeOnly = ServiceError(.forbidden, .forbidden, "only an office key records hand-overs")
    static let notForOffices = ServiceError(.forbidden, .forbidden, "an office key only records hand-overs")
    static let scannersOnly = ServiceError(.forbidden, .forbidden, "camera frames are read for a partner's or an office's key only")

    static func badRequest(_ message: String, reason: Reason = .invalidRequest) -> ServiceError {
        ServiceError(.badRequest, reason, message)
    }
}

/// A JSON answer from one of the contract's types, one line.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
    var buffer = ByteBuffer(data: API.encode(value))
    buffer.writeString("\n")
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: buffer))
}
