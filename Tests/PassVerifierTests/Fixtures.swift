import Foundation
import PassIssuer
import PassVerifier

/// Keys and tokens for tests, from fixed seeds so failures are reproducible.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let at = date("2027-06-01T12:00:00Z")
    static let expiry = UInt32(date("2027-12-31T23:00:00Z").timeIntervalSince1970)

    static func key(_ byte: UInt8) -> IssuerKey {
        IssuerKey(seed: [UInt8](repeating: byte, count: 32).withUnsafeBytes { SecretBytes(copying: $0) })
    }

    static func entry(_ key: IssuerKey, status: TrustList.Status = .active,
                      from: String = "2026-01-01T00:00:00Z", to: String = "2030-12-31T23:59:59Z") -> TrustList.Key {
        TrustList.Key(publicKey: key.publicKey, issuer: "Test \(key.kid)", notBefore: date(from), notAfter: date(to), status: status)
    }

    static let issuer = key(1)
    static let verifier = Verifier(trustList: try! TrustList(keys: [entry(issuer)]))

    static func token(serial: UInt64 = 1, cents: UInt32 = 1000, expiry: UInt32 = expiry, key: IssuerKey = issuer) -> Token {
        key.sign(Payload(keyID: key.kid, serial: Serial(serial)!, value: Cents(cents)!, expiry: expiry))
    }

    static func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }
}

/// The reason a verification failed, or "valid".
func outcome(_ body: () throws(PassError) -> VerifiedPass) -> String {
    do {
        _ = try body()
        return "valid"
    } catch {
        return error.code.rawValue
    }
}
