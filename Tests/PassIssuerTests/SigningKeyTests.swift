import Foundation
import PassIssuer
import PassVerifier
import Testing

/// One Ed25519 signing-key type for issuer keys and the receipt key.
struct SigningKeyTests {
    @Test func anIssuerKeyIsASigningKeyThatSignsPasses() throws {
        let signing = SigningKey(seed: secret(String(repeating: "s", count: 32)))
        let issuer = IssuerKey(signingKey: signing)
        #expect(issuer.publicKey == signing.publicKey && issuer.kid == signing.kid)
        #expect(IssuerKey(seed: signing.seed).publicKey == signing.publicKey, "the seed round-trips")
        let payload = Payload(keyID: issuer.kid, serial: Serial(1)!, value: Cents(1000)!, expiry: 2_000_000_000)
        let list = try TrustList(keys: [.init(publicKey: issuer.publicKey, issuer: "T", notBefore: date("2026-01-01T00:00:00Z"), notAfter: date("2030-01-01T00:00:00Z"), status: .active)])
        #expect(try Verifier(trustList: list).verify(text: issuer.sign(payload).text, at: date("2027-01-01T00:00:00Z")).serial == Serial(1)!)
    }

    @Test func aKeyFileOpensAsEitherType() throws {
        let key = SigningKey.generate()
        let file = try KeyFile.seal(key, passphrase: nil)
        let asSigning = try KeyFile.openSigningKey(file) { () throws(IssuerError) in throw IssuerError(.noPassphrase, "clear") }
        let asIssuer = try KeyFile.open(file) { () throws(IssuerError) in throw IssuerError(.noPassphrase, "clear") }
        #expect(asSigning.publicKey == key.publicKey && asIssuer.publicKey == key.publicKey)
        #expect(key.sign(Array("passnum-test:v1 hello".utf8)).count == 64)
        #expect(!"\(key)".contains(key.seed.withUnsafeBytes { Data($0).base64EncodedString() }))
    }
}
