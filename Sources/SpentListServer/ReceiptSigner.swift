import CSodium
import PassIssuer
import PassVerifier
import SpentList

/// Signs receipts with the service's own Ed25519 key, which lives in a key file of the same
/// sealed format as issuer keys (`KeyFile`) but is never an issuer key: receipts are signed
/// under their own domain (`Receipt.domain`), and the key is not in any trust list.
public final class ReceiptSigner: Sendable {
    public let publicKey: [UInt8]
    public let keyID: KeyID
    private let secretKey: SecretBytes

    public init(key: IssuerKey) {
        precondition(sodium_init() >= 0, "libsodium failed to initialise")
        let secretKey = SecretBytes(count: Int(crypto_sign_SECRETKEYBYTES))
        var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        secretKey.withUnsafeMutableBytes { sk in
            key.seed.withUnsafeBytes { seed in
                _ = crypto_sign_seed_keypair(
                    &publicKey, sk.bindMemory(to: UInt8.self).baseAddress!, seed.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        self.secretKey = secretKey
        self.publicKey = publicKey
        self.keyID = KeyID(publicKey: publicKey)
    }

    /// The receipt text for a recorded redemption.
    public func receipt(for redemption: Redemption) -> String {
        let body = Receipt(serviceKeyID: keyID, redemption: redemption).body
        let message = Receipt.signedMessage(body: body)
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        secretKey.withUnsafeBytes { sk in
            _ = crypto_sign_detached(&signature, nil, message, UInt64(message.count), sk.bindMemory(to: UInt8.self).baseAddress!)
        }
        return Receipt.text(body: body, signature: signature)
    }
}
