import CSodium
import PassVerifier

/// An issuer's Ed25519 key pair. Only the 32-byte seed is kept (in `SecretBytes`); the
/// 64-byte libsodium secret key is rebuilt for each signing batch and zeroed after.
public struct IssuerKey: Sendable, CustomStringConvertible {
    public let seed: SecretBytes
    public let publicKey: [UInt8]
    public var kid: KeyID { KeyID(publicKey: publicKey) }

    /// A new random key.
    public static func generate() -> IssuerKey {
        let seed = SecretBytes(count: Int(crypto_sign_SEEDBYTES))
        seed.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return IssuerKey(seed: seed)
    }

    /// The key for a given 32-byte seed (test vectors use fixed seeds).
    public init(seed: SecretBytes) {
        precondition(sodium_init() >= 0, "libsodium failed to initialise")
        precondition(seed.count == Int(crypto_sign_SEEDBYTES), "an Ed25519 seed is 32 bytes")
        self.seed = seed
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        Self.withSecretKey(seed) { _, pk in publicKey = pk }
        self.publicKey = publicKey
    }

    /// Signs many payloads with one expansion of the secret key.
    public func sign(_ payloads: [Payload]) -> [Token] {
        Self.withSecretKey(seed) { secretKey, _ in
            payloads.map { payload in
                let message = Token.signedMessage(for: payload)
                var signature = [UInt8](repeating: 0, count: Token.signatureSize)
                crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
                return Token(payload: payload, signature: signature)
            }
        }
    }

    public func sign(_ payload: Payload) -> Token { sign([payload])[0] }

    public var description: String { "IssuerKey(kid: \(kid), secret redacted)" }

    /// Expands the seed into libsodium's 64-byte secret key for the duration of `body`.
    private static func withSecretKey<R>(_ seed: SecretBytes, _ body: (UnsafePointer<UInt8>, [UInt8]) -> R) -> R {
        let secretKey = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES))
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        return secretKey.withUnsafeMutableBytes { sk in
            let skPointer = sk.bindMemory(to: UInt8.self).baseAddress!
            seed.withUnsafeBytes { seedBytes in
                _ = crypto_sign_seed_keypair(&publicKey, skPointer, seedBytes.bindMemory(to: UInt8.self).baseAddress!)
            }
            return body(UnsafePointer(skPointer), publicKey)
        }
    }
}
