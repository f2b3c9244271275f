import Crypto
import Foundation
import PassIssuer
import PassVerifier
import Testing

/// The format is Ed25519 (RFC 8032), not "whatever libsodium does": swift-crypto (BoringSSL)
/// must agree with libsodium in both directions.
struct InteropTests {
    @Test func swiftCryptoVerifiesWhatLibsodiumSigned() throws {
        let token = Fixtures.token(serial: 99, cents: 2500)
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: Fixtures.issuer.publicKey)
        #expect(publicKey.isValidSignature(token.signature, for: Token.signedMessage(for: token.payload)))
        var altered = token.signature
        altered[0] ^= 1
        #expect(!publicKey.isValidSignature(altered, for: Token.signedMessage(for: token.payload)))
    }

    @Test func libsodiumVerifiesWhatSwiftCryptoSigned() throws {
        let privateKey = Curve25519.Signing.PrivateKey()
        let publicKey = Array(privateKey.publicKey.rawRepresentation)
        let kid = KeyID(publicKey: publicKey)
        let payload = Payload(keyID: kid, serial: Serial(7)!, value: Cents(1000)!, expiry: Fixtures.expiry)
        let signature = try Array(privateKey.signature(for: Token.signedMessage(for: payload)))
        let token = Token(payload: payload, signature: signature)
        let list = try TrustList(keys: [
            TrustList.Key(publicKey: publicKey, issuer: "swift-crypto", notBefore: Fixtures.date("2026-01-01T00:00:00Z"),
                          notAfter: Fixtures.date("2030-01-01T00:00:00Z"), status: .active),
        ])
        let pass = try Verifier(trustList: list).verify(text: token.text, at: Fixtures.at)
        #expect(pass.serial.value == 7)
        #expect(pass.kid == kid)
    }

    @Test func sameSeedSameKeyInBothLibraries() throws {
        let seed = [UInt8](repeating: 0x42, count: 32)
        let libsodium = IssuerKey(seed: seed.withUnsafeBytes { SecretBytes(copying: $0) })
        let boring = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        #expect(Array(boring.publicKey.rawRepresentation) == libsodium.publicKey)
    }
}
