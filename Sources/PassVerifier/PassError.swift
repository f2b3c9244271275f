/// The one error type of `PassVerifier`: a stable machine code (the reasons of SPEC.md §6)
/// and a human message. Failures are never collapsed into `nil` or `false`.
public struct PassError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason. A struct rather than an enum so the list can grow
    /// without breaking partners who switch over it.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The text is not a well-formed v1 token (length, digits, range, serial 0, value 0).
        public static let malformed = Code(rawValue: "malformed")
        /// The version byte is not 1.
        public static let unsupportedVersion = Code(rawValue: "unsupported_version")
        /// No key with this key id is in the trust list.
        public static let unknownKey = Code(rawValue: "unknown_key")
        /// The key is in the trust list but marked revoked.
        public static let keyRevoked = Code(rawValue: "key_revoked")
        /// The verification time lies outside the key's [notBefore, notAfter].
        public static let keyNotValid = Code(rawValue: "key_not_valid")
        /// The Ed25519 signature does not match the payload and key.
        public static let badSignature = Code(rawValue: "bad_signature")
        /// The verification time is at or after the pass's expiry.
        public static let expired = Code(rawValue: "expired")
        /// A trust list that cannot be used: bad JSON, a key id that does not match, a duplicate.
        public static let invalidTrustList = Code(rawValue: "invalid_trust_list")

        /// The reasons a token can be rejected for, in the order a verifier checks them.
        public static let tokenReasons: [Code] = [
            .malformed, .unsupportedVersion, .unknownKey, .keyRevoked, .keyNotValid, .badSignature, .expired,
        ]
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
