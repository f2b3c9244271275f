import CSodium
import PassVerifier

/// An Ed25519 signing key: the one type behind the issuer's keys and the service's receipt
/// key. It keeps libsodium's 64-byte secret key (seed ‖ public key) in `SecretBytes`, zeroed
/// when released, so a signature costs no key expansion: the receipt signer signs one per
/// redemption. It lives in PassIssuer, never in PassVerifier, so the partner library cannot sign.
public struct SigningKey: Sendable, CustomStringConvertible {
    private let secretKey: SecretBytes
    public let publicKey: [UInt8]
    public var kid: KeyID { KeyID(publicKey: publicKey) }

    /// A new random key.
    public static func generate() -> SigningKey {
        LibSodium.ensureInitialised()
        let seed = SecretBytes(count: Int(crypto_sign_SEEDBYTES))
        seed.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return SigningKey(seed: seed)
    }

    /// The key for a 32-byte seed (key files hold the seed; test vectors use fixed ones).
    public init(seed: SecretBytes) {
        LibSodium.ensureInitialised()
        precondition(seed.count == Int(crypto_sign_SEEDBYTES), "an Ed25519 seed is 32 bytes")
        let secretKey = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES))
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        secretKey.withUnsafeMutableBytes { sk in
            seed.withUnsafeBytes { seedBytes in
                _ = crypto_sign_seed_keypair(&publicKey, sk.bindMemory(to: UInt8.self).baseAddress!, seedBytes.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        self.secretKey = secretKey
        self.publicKey = publicKey
    }

    /// The 32-byte seed, to seal in a key file: the first half of libsodium's secret key.
    public var seed: SecretBytes {
        secretKey.withUnsafeBytes { SecretBytes(copying: UnsafeRawBufferPointer(rebasing: $0.prefix(Int(crypto_sign_SEEDBYTES)))) }
    }

    /// The detached Ed25519 signature of `message` (64 bytes), which starts with the caller's
    /// own domain string. Never a pass: only `IssuerKey` signs in the pass domain (SPEC.md §4),
    /// through the checks of `Issuer`.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        precondition(!message.starts(with: Token.domain), "pass payloads are signed through IssuerKey")
        return signAnything(message)
    }

    func signAnything(_ message: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        secretKey.withUnsafeBytes { sk in
            _ = crypto_sign_detached(&signature, nil, message, UInt64(message.count), sk.bindMemory(to: UInt8.self).baseAddress!)
        }
        return signature
    }

    public var description: String { "SigningKey(kid: \(kid), secret redacted)" }
}
