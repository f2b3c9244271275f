import Foundation
import PassIssuer
import PassVerifier

/// The keys, trust list and vectors of SPEC.md §9.
struct VectorSet {
    /// Key seeds are BLAKE2b-256 of a label, so anyone can rebuild them (SPEC.md §9).
    let active = Self.key("passnum test vector key A")
    let revoked = Self.key("passnum test vector key B")
    let expiredKey = Self.key("passnum test vector key C")
    let untrusted = Self.key("passnum test vector key D")

    /// The instant every vector is verified at unless it says otherwise.
    static let at = date("2027-06-01T12:00:00Z")
    static let expiry = UInt32(date("2027-12-31T23:00:00Z").timeIntervalSince1970)

    var trustList: TrustList {
        try! TrustList(keys: [
            .init(publicKey: active.publicKey, issuer: "Métropole de Test", notBefore: Self.date("2026-01-01T00:00:00Z"), notAfter: Self.date("2030-12-31T23:59:59Z"), status: .active),
            .init(publicKey: revoked.publicKey, issuer: "Revoked Test Office", notBefore: Self.date("2026-01-01T00:00:00Z"), notAfter: Self.date("2030-12-31T23:59:59Z"), status: .revoked),
            .init(publicKey: expiredKey.publicKey, issuer: "Old Test Office", notBefore: Self.date("2024-01-01T00:00:00Z"), notAfter: Self.date("2025-12-31T23:59:59Z"), status: .active),
        ])
    }

    struct Vector {
        let name: String
        let expect: String
        let comment: String
        let text: String
        var at = VectorSet.at
        var token: Token? = nil

        var file: String {
            var lines = ["expect: \(expect)", "at: \(VectorSet.iso(at))", "comment: \(comment)"]
            if let p = token?.payload {
                lines += ["kid: \(p.keyID)", "serial: \(p.serial)", "valueCents: \(p.value.value)", "expires: \(VectorSet.iso(p.expiryDate))"]
            }
            lines.append("token: \(text)")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// The text of vector valid-basic.
    var basicText: String { sign(active, serial: 1, cents: 1000).text }

    func vectors() -> [Vector] {
        valid() + malformed() + keyFailures() + signatureFailures() + expiryFailures()
    }

    private func valid() -> [Vector] {
        let basic = sign(active, serial: 1, cents: 1000)
        let largest = sign(active, serial: Serial.max, cents: UInt32.max)
        let lastSecond = sign(active, serial: 42, cents: 500)
        return [
            good("valid-basic", "serial 1, 10.00 €, key A", basic),
            good("valid-largest-fields", "largest serial (2^48 - 1) and value (2^32 - 1 cents)", largest),
            Vector(name: "valid-last-second", expect: "valid", comment: "verified one second before expiry", text: lastSecond.text,
                   at: Date(timeIntervalSince1970: TimeInterval(Self.expiry - 1)), token: lastSecond),
            good("valid-leading-zeros", "a small number: the text starts with many zeros", sign(active, serial: 7, cents: 1)),
        ]
    }

    private func malformed() -> [Vector] {
        let text = sign(active, serial: 1, cents: 1000).text
        var letter = Array(text)
        letter[100] = "A"
        return [
            bad("malformed-length-199", "malformed", "one digit short", String(text.dropFirst())),
            bad("malformed-length-201", "malformed", "one digit too many", "0" + text),
            bad("malformed-letter", "malformed", "a letter among the digits", String(letter)),
            bad("malformed-too-large", "malformed", "200 nines: a number of 2^664 or more", String(repeating: "9", count: 200)),
            bad("malformed-serial-zero", "malformed", "serial 0, correctly signed", signRaw(active) { $0[5...10] = [0, 0, 0, 0, 0, 0] }),
            bad("malformed-value-zero", "malformed", "value 0, correctly signed", signRaw(active) { $0[11...14] = [0, 0, 0, 0] }),
            bad("unsupported-version", "unsupported_version", "version byte 2, correctly signed", signRaw(active) { $0[0] = 2 }),
        ]
    }

    private func keyFailures() -> [Vector] {
        [
        bad("unknown-key", "unknown_key", "signed by key D, which is not in the trust list", sign(untrusted, serial: 1, cents: 1000).text),
        bad("key-revoked", "key_revoked", "signed by key B, revoked in the trust list", sign(revoked, serial: 1, cents: 1000).text),
        bad("key-not-valid", "key_not_valid", "signed by key C, whose validity ended on 2025-12-31", sign(expiredKey, serial: 1, cents: 1000).text),
        ]
    }

    private func signatureFailures() -> [Vector] {
        var flipped = sign(active, serial: 1, cents: 1000).bytes
        flipped[Payload.size] ^= 0x01
        var altered = sign(active, serial: 1, cents: 1000).bytes
        altered[14] = 0xE8 + 1  // 10.00 € signed, 10.01 € claimed: 1000 = 0x03E8
        let genuine = sign(active, serial: 1, cents: 1000)
        let nonCanonical = genuine.payload.bytes + genuine.signature[0..<32] + Curve.addOrder(to: genuine.signature[32...])
        let neutralR = active.signWithNeutralR(Token.signedMessage(for: genuine.payload))
        return [
            bad("bad-signature-flipped-bit", "bad_signature", "lowest bit of the first signature byte flipped", try! Token(bytes: flipped).text),
            bad("bad-signature-altered-value", "bad_signature", "value changed from 1000 to 1001 cents after signing", try! Token(bytes: altered).text),
            bad("bad-signature-s-plus-l", "bad_signature", "valid-basic with S replaced by S + L: the equation holds but S is not canonical (S >= L)",
                try! Token(bytes: nonCanonical).text),
            bad("bad-signature-small-order-r", "bad_signature", "R is the neutral point (small order) and S = k*a: the equation holds; OpenSSL accepts it, SPEC.md §6 refuses it",
                try! Token(bytes: genuine.payload.bytes + neutralR).text),
        ]
    }

    private func expiryFailures() -> [Vector] {
        let token = sign(active, serial: 3, cents: 1000)
        return [
            Vector(name: "expired-at-expiry", expect: "expired", comment: "verified at the exact expiry second", text: token.text,
                   at: Date(timeIntervalSince1970: TimeInterval(Self.expiry)), token: token),
            Vector(name: "expired-later", expect: "expired", comment: "verified a year after expiry (key still valid)", text: token.text,
                   at: Self.date("2028-12-31T12:00:00Z"), token: token),
        ]
    }

    private func good(_ name: String, _ comment: String, _ token: Token) -> Vector {
        Vector(name: name, expect: "valid", comment: comment, text: token.text, token: token)
    }

    private func bad(_ name: String, _ expect: String, _ comment: String, _ text: String) -> Vector {
        Vector(name: name, expect: expect, comment: comment, text: text)
    }

    private func sign(_ key: IssuerKey, serial: UInt64, cents: UInt32) -> Token {
        key.sign(Payload(keyID: key.kid, serial: Serial(serial)!, value: Cents(cents)!, expiry: Self.expiry))
    }

    /// Signs a payload that a `Payload` value cannot hold (version 2, serial 0, value 0).
    private func signRaw(_ key: IssuerKey, _ edit: (inout [UInt8]) -> Void) -> String {
        var payload = sign(key, serial: 1, cents: 1000).payload.bytes
        edit(&payload)
        let signature = key.signRaw(Token.domain + payload)
        return try! Token.text(bytes: payload + signature)
    }

    static func key(_ label: String) -> IssuerKey {
        IssuerKey(seed: SecretBytes.derived(from: label))
    }

    static func date(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
