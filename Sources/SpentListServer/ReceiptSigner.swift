import PassIssuer
import PassVerifier
import SpentList

/// Signs receipts with the service's own Ed25519 key. The key is a `SigningKey`, kept in a key
/// file of the same sealed format as issuer keys (`KeyFile`), but never an issuer key: receipts
/// are signed under their own domains (`Receipt.domains`), and the key is not in any trust list.
public final class ReceiptSigner: Sendable {
    public let publicKey: [UInt8]
    public let keyID: KeyID
    private let key: SigningKey

    public init(key: SigningKey) {
        self.key = key
        self.publicKey = key.publicKey
        self.keyID = key.kid
    }

    /// The receipt text for a recorded redemption.
    public func receipt(for redemption: Redemption) -> String {
        let body = Receipt(serviceKeyID: keyID, redemption: redemption).body
        return Receipt.text(body: body, signature: key.sign(Receipt.signedMessage(body: body)))
    }
}
