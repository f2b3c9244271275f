import Foundation
import Hummingbird

/// The one error type of the service: an HTTP status, a stable machine code (the `error` field
/// of the JSON body) and words for people. Extra fields (such as `firstRedeemedAt`) go in the
/// body beside them.
public struct ServiceError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let extra: [(String, JSON)]
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, extra: [(String, JSON)] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    public func response() -> Response {
        let body: JSON = .object([("error", .string(code)), ("message", .string(message))] + extra)
        var response = body.response(status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    static let unauthorized = ServiceError(
        .unauthorized, "unauthorized", "a valid API key is needed: Authorization: Bearer <key>",
        headers: [.wwwAuthenticate: "Bearer"])
    static let adminOnly = ServiceError(.forbidden, "forbidden", "this route needs the admin key")

    static func badRequest(_ message: String, code: String = "invalid_request") -> ServiceError {
        ServiceError(.badRequest, code, message)
    }
}

/// A small JSON value written by hand: the service answers many small objects and this keeps
/// field order stable and encoding cheap.
public indirect enum JSON: Sendable, Equatable {
    case string(String), int(Int64), bool(Bool), null
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.text == rhs.text }

    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    func response(status: HTTPResponse.Status) -> Response {
        var text = self.text
        text += "\n"
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most strings (digits, key ids, times, receipts) need no escaping at all.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// RFC 3339 UTC with milliseconds, the service's one time format.
enum Timestamp {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// RFC 3339 with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: .iso8601))
    }
}
