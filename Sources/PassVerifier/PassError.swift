/// The one error type of `PassVerifier`: a stable machine code (the reasons of SPEC.md §6)
/// and a human message. Failures are never collapsed into `nil` or `false`.
public typealias PassError = ModuleError<PassErrorCode>

/// The codes of `PassError`: stable, machine-readable reasons. A struct rather than an enum so
/// the list can grow without breaking partners who switch over it.
public struct PassErrorCode: ErrorCode, RawRepresentable, CustomStringConvertible {
    /// The SPEC's word for the reason, such as `bad_signature`.
    public let rawValue: String
    /// A code from its SPEC word; unknown words make codes that equal no constant here.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The SPEC's word.
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
    /// A trust list that cannot be used; `PassError.detail` says why (SPEC.md §7.1).
    public static let invalidTrustList = PassErrorCode(rawValue: "invalid_trust_list")

    // Why a trust list is refused (SPEC.md §7.1), in the order the checks run: the `detail`
    // of an `invalid_trust_list` error.

    /// Not UTF-8 JSON (or it starts with a byte-order mark).
    public static let notJSON = PassErrorCode(rawValue: "not_json")
    /// A required member is absent.
    public static let missingField = PassErrorCode(rawValue: "missing_field")
    /// A value has the wrong JSON type (`null` included).
    public static let wrongType = PassErrorCode(rawValue: "wrong_type")
    /// `format` is not `passnum-trustlist/v1`.
    public static let wrongFormat = PassErrorCode(rawValue: "wrong_format")
    /// A `kid` is not 8 lowercase hex digits.
    public static let badKid = PassErrorCode(rawValue: "bad_kid")
    /// A `publicKey` is not strict, padded, standard base64.
    public static let badBase64 = PassErrorCode(rawValue: "bad_base64")
    /// A `publicKey` is not 32 bytes, or not a valid point (small order, non-canonical, …).
    public static let badKey = PassErrorCode(rawValue: "bad_key")
    /// A `kid` is not the key id of its `publicKey`.
    public static let kidMismatch = PassErrorCode(rawValue: "kid_mismatch")
    /// A time is not exactly `YYYY-MM-DDTHH:MM:SSZ`.
    public static let badTime = PassErrorCode(rawValue: "bad_time")
    /// `notBefore` is after `notAfter`.
    public static let badValidity = PassErrorCode(rawValue: "bad_validity")
    /// `status` is neither `active` nor `revoked`.
    public static let unknownStatus = PassErrorCode(rawValue: "unknown_status")
    /// Two keys have the same `kid`.
    public static let duplicateKid = PassErrorCode(rawValue: "duplicate_kid")
    /// An `issuer` is empty or longer than 100 Unicode scalars (SPEC.md §7.2).
    public static let badIssuer = PassErrorCode(rawValue: "bad_issuer")

    /// A trust list's signature that does not prove the root key signed these very bytes;
    /// `PassError.detail` says why (SPEC.md §14.2).
    public static let badTrustListSignature = PassErrorCode(rawValue: "bad_trust_list_signature")

    // Why a trust list's signature is refused (SPEC.md §14.2), in the order the checks run: the
    // `detail` of a `bad_trust_list_signature` error.

    /// The pinned root public key is not 32 bytes of a valid Ed25519 public key.
    public static let badRootKey = PassErrorCode(rawValue: "bad_root_key")
    /// The signature text is not `pnt1.` and the strict base64 of 72 bytes.
    public static let malformedSignature = PassErrorCode(rawValue: "malformed_signature")
    /// The signature names another root key than the pinned one.
    public static let wrongRoot = PassErrorCode(rawValue: "wrong_root")
    /// The Ed25519 signature does not verify over these bytes.
    public static let badListSignature = PassErrorCode(rawValue: "bad_list_signature")

    /// The reasons a trust list's signature can be refused for, in the order they are checked.
    public static let listSignatureReasons: [PassErrorCode] = [.badRootKey, .malformedSignature, .wrongRoot, .badListSignature]

    /// The reasons a trust list can be refused for, in the order a verifier checks them.
    public static let trustListReasons: [PassErrorCode] = [
        .notJSON, .missingField, .wrongType, .wrongFormat, .badKid, .badBase64, .badKey,
        .kidMismatch, .badTime, .badValidity, .unknownStatus, .duplicateKid, .badIssuer,
    ]

    /// The reasons a token can be rejected for, in the order a verifier checks them.
    public static let tokenReasons: [PassErrorCode] = [
        .malformed, .unsupportedVersion, .unknownKey, .keyRevoked, .keyNotValid, .badSignature, .expired,
    ]
}

extension ModuleError where Code == PassErrorCode {
    /// For `invalidTrustList`, the reason of SPEC.md §7.1 (one of `trustListReasons`); for
    /// `badTrustListSignature`, that of §14.2 (one of `listSignatureReasons`). It travels as the error's `subject`: what a refused list is about is why it was refused.
    public var detail: PassErrorCode? {
        code == .invalidTrustList || code == .badTrustListSignature ? subject.map(PassErrorCode.init(rawValue:)) : nil
    }

    /// A refused trust-list signature: `badTrustListSignature`, with `reason` as detail.
    static func listSignature(_ reason: PassErrorCode, _ message: String) -> PassError {
        PassError(.badTrustListSignature, message, subject: reason.rawValue)
    }

    /// A refused trust list: `invalidTrustList`, with `reason` as detail.
    static func trustList(_ reason: PassErrorCode, _ message: String) -> PassError {
        PassError(.invalidTrustList, message, subject: reason.rawValue)
    }
}
