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

    /// Two chained redemptions (SPEC.md §12.2): the first at the start of the chain, the second
    /// after it; each one's version-2 receipt, token, and the link after it.
    var chainedReceipts: String {
        let key = VectorSet.key("A")
        let expiry = UInt32(VectorSet.date("2027-12-31T23:00:00Z").timeIntervalSince1970)
        var previous = ChainLink.start
        var lines = [
            "# Two redemptions chained as SPEC.md §12.2 says, each with its version-2 receipt (§12.1) signed by",
            "# the service key of receipt.txt. A verifier decodes each receipt to its fields; link-after is",
            "# SHA-256 over the domain, previous-link, the fields and the token, and is the next one's previous-link.",
            "service-public-key: \(Data(serviceKey.publicKey).base64EncodedString())",
        ]
        for (index, (serial, partnerID, name, at)) in [(UInt64(2), Int64(7), "Épicerie solidaire", "2026-11-27T14:05:09Z"),
                                                         (UInt64(3), Int64(9), "PiNG", "2026-11-27T14:06:00Z")].enumerated() {
            let token = key.sign(Payload(keyID: key.kid, serial: Serial(serial)!, value: Cents(1000)!, expiry: expiry)).text
            let redemption = Redemption(
                pass: PassRef(kid: key.kid, serial: Serial(serial)!), value: Cents(1000)!, partnerID: partnerID,
                partnerName: name, redeemedAt: VectorSet.date(at).addingTimeInterval(0.5), chainPrevious: previous)
            let body = Receipt(serviceKeyID: serviceKey.kid, redemption: redemption).body
            let after = RedemptionChain.link(after: previous, redemption, token: token)
            let n = index + 1
            lines += [
                "", "\(n).pass-kid: \(key.kid.text)", "\(n).serial: \(serial)", "\(n).value-cents: 1000",
                "\(n).redeemed-at-ms: \(Int64((redemption.redeemedAt.timeIntervalSince1970 * 1000).rounded()))",
                "\(n).partner-id: \(partnerID)", "\(n).partner-name: \(name)", "\(n).previous-link: \(previous.hex)",
                "\(n).token: \(token)", "\(n).link-after: \(after.hex)",
                "\(n).receipt: \(Receipt.text(body: body, signature: serviceKey.sign(Receipt.signedMessage(body: body))))",
            ]
            previous = after
        }
        return lines.joined(separator: "\n") + "\n"
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
