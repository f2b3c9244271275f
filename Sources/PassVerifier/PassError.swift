/// The one error type of `PassVerifier`: a stable machine code (the reasons of SPEC.md §6)
/// and a human message. Failures are never collapsed into `nil` or `false`.
public typealias PassError = ModuleError<PassErrorCode>

/// The codes of `PassError`: stable, machine-readable reasons. A struct rather than an enum so
/// the list can grow without breaking partners who switch over it.
public struct PassErrorCode: ErrorCode, RawRepresentable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The text is not a well-formed v1 token (length, digits, range, serial 0, value 0).
    public static let malformed = PassErrorCode(rawValue: "malformed")
    /// The version byte is not 1.
    public static let unsupportedVersion = PassErrorCode(rawValue: "unsupported_version")
    /// No key with this key id is in the trust list.
    public static let unknownKey = PassErrorCode(rawValue: "unknown_key")
    /// The key is in the trust list but marked revoked.
    public static let keyRevoked = PassErrorCode(rawValue: "key_revoked")
    /// The verification time lies outside the key's [notBefore, notAfter].
    public static let keyNotValid = PassErrorCode(rawValue: "key_not_valid")
    /// The Ed25519 signature does not match the payload and key.
    public static let badSignature = PassErrorCode(rawValue: "bad_signature")
    /// The verification time is at or after the pass's expiry.
    public static let expired = PassErrorCode(rawValue: "expired")
    /// A trust list that cannot be used: bad JSON, a key id that does not match, a duplicate.
    public static let invalidTrustList = PassErrorCode(rawValue: "invalid_trust_list")

    /// The reasons a token can be rejected for, in the order a verifier checks them.
    public static let tokenReasons: [PassErrorCode] = [
        .malformed, .unsupportedVersion, .unknownKey, .keyRevoked, .keyNotValid, .badSignature, .expired,
    ]
}
