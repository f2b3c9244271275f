import Foundation
import PassIssuer
import PassVerifier
import SpentList

/// The two service formats a partner may check on its own (SPEC.md §12 and §13): a redemption
/// receipt signed by a fixed-seed service key, and the stored hash of a fixed API key.
struct ServiceVectors {
    let serviceKey = SigningKey(seed: SecretBytes.derived(from: "passnum test vector service key"))

    var receipt: String {
        let redemption = Redemption(
            pass: PassRef(kid: VectorSet.key("A").kid, serial: Serial(1)!), value: Cents(1000)!, partnerID: 7,
            partnerName: "Épicerie solidaire", redeemedAt: VectorSet.date("2026-11-27T14:05:09Z").addingTimeInterval(0.25))
        let body = Receipt(serviceKeyID: serviceKey.kid, redemption: redemption).body
        let text = Receipt.text(body: body, signature: serviceKey.sign(Receipt.signedMessage(body: body)))
        return """
            # A redemption receipt (SPEC.md §12), signed by the service key of seed
            # BLAKE2b-256("passnum test vector service key"). A verifier decodes it to the fields below.
            service-public-key: \(Data(serviceKey.publicKey).base64EncodedString())
            service-kid: \(serviceKey.kid.text)
            pass-kid: \(redemption.pass.kid.text)
            serial: 1
            value-cents: 1000
            redeemed-at-ms: \(Int64((redemption.redeemedAt.timeIntervalSince1970 * 1000).rounded()))
            partner-id: 7
            partner-name: \(redemption.partnerName)
            receipt: \(text)

            """
    }

    var apiKeyHash: String {
        let key = APIKey(text: "pnk_" + Base64URL.encode(Array(0..<32)))
        return """
            # The stored hash of an API key (SPEC.md §13): BLAKE2b-256 of "passnum-api-key:v1\\n" then the key text.
            key: \(key.text)
            hash: \(key.hash.hex)

            """
    }
}
