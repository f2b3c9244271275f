/// The stable machine reasons of the service: the `error` field of every error body, the
/// `reason` of an offline conflict, the verifier's reasons passed through. A struct rather than
/// an enum so a client of an older version still reads a reason added later (as
/// `PassError.Code` does for partners).
public struct Reason: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // Who may ask.
    public static let unauthorized: Reason = "unauthorized"
    public static let forbidden: Reason = "forbidden"
    /// A browser's session cookie is past its expiry: sign in again.
    public static let sessionExpired: Reason = "session_expired"
    // The request itself.
    public static let notFound: Reason = "not_found"
    public static let methodNotAllowed: Reason = "method_not_allowed"
    public static let malformedJSON: Reason = "malformed_json"
    public static let invalidBody: Reason = "invalid_body"
    public static let invalidRequest: Reason = "invalid_request"
    public static let badRequest: Reason = "bad_request"
    public static let bodyTooLarge: Reason = "body_too_large"
    public static let unsupportedMediaType: Reason = "unsupported_media_type"
    public static let unknownPartner: Reason = "unknown_partner"
    public static let requestTimeout: Reason = "request_timeout"
    // Who asks too much: too many connections, too many refused keys.
    public static let tooManyConnections: Reason = "too_many_connections"
    public static let tooManyFailures: Reason = "too_many_failures"
    // The pass.
    public static let alreadySpent: Reason = "already_spent"
    public static let revoked: Reason = "revoked"
    public static let scannedInFuture: Reason = "scanned_in_future"
    public static let scannedTooLongAgo: Reason = "scanned_too_long_ago"
    /// The programme refuses passes of carnets not yet handed out, and this one was not.
    public static let notDistributed: Reason = "not_distributed"
    /// A kind of help that the programme's list does not hold.
    public static let unknownHelpKind: Reason = "unknown_help_kind"
    // The verifier's reasons (SPEC.md), as `PassError.Code` spells them.
    public static let malformed: Reason = "malformed"
    public static let unsupportedVersion: Reason = "unsupported_version"
    public static let unknownKey: Reason = "unknown_key"
    public static let keyRevoked: Reason = "key_revoked"
    public static let keyNotValid: Reason = "key_not_valid"
    public static let badSignature: Reason = "bad_signature"
    public static let expired: Reason = "expired"
    // The service.
    public static let storage: Reason = "storage"
    public static let `internal`: Reason = "internal"

    /// Every reason the service gives, in the order openapi.yaml lists them.
    public static let all: [Reason] = [
        .unauthorized, .forbidden, .sessionExpired, .notFound, .methodNotAllowed, .malformedJSON, .invalidBody, .invalidRequest, .badRequest,
        .bodyTooLarge, .unsupportedMediaType, .unknownPartner, .requestTimeout, .tooManyConnections, .tooManyFailures, .alreadySpent, .revoked, .scannedInFuture, .scannedTooLongAgo,
        .notDistributed, .unknownHelpKind,
        .malformed, .unsupportedVersion, .unknownKey, .keyRevoked, .keyNotValid, .badSignature, .expired, .storage, .internal,
    ]
}
