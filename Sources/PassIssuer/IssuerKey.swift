import PassVerifier

/// An issuer's key: a `SigningKey` that signs passes, always under the pass domain of SPEC.md §4.
public struct IssuerKey: Sendable, CustomStringConvertible {
    public let signingKey: SigningKey
    public var publicKey: [UInt8] { signingKey.publicKey }
    public var kid: KeyID { signingKey.kid }
    public var seed: SecretBytes { signingKey.seed }

    /// A new random key.
    public static func generate() -> IssuerKey { IssuerKey(signingKey: .generate()) }

    /// The key for a given 32-byte seed (test vectors use fixed seeds).
    public init(seed: SecretBytes) { signingKey = SigningKey(seed: seed) }

    public init(signingKey: SigningKey) { self.signingKey = signingKey }

    public func sign(_ payloads: [Payload]) -> [Token] {
        payloads.map { Token(payload: $0, signature: signingKey.signAnything(Token.signedMessage(for: $0))) }
    }

    public func sign(_ payload: Payload) -> Token { sign([payload])[0] }

    public var description: String { "IssuerKey(kid: \(kid), secret redacted)" }
}
