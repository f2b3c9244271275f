import CSodium
import PassIssuer
import PassVerifier

// Generator-only helpers: signing payloads that the library's types refuse to build
// (version 2, serial 0, value 0) and writing them as text. Kept out of PassIssuer so no
// product can sign arbitrary bytes.

extension SecretBytes {
    /// BLAKE2b-256 of a label: the fixed seeds of SPEC.md §9.
    static func derived(from label: String) -> SecretBytes {
        let bytes = Array(label.utf8)
        var seed = [UInt8](repeating: 0, count: 32)
        _ = crypto_generichash(&seed, 32, bytes, UInt64(bytes.count), nil, 0)
        defer { sodium_memzero(&seed, 32) }
        return seed.withUnsafeBytes { SecretBytes(copying: $0) }
    }
}

extension IssuerKey {
    func signRaw(_ message: [UInt8]) -> [UInt8] {
        var publicKey = [UInt8](repeating: 0, count: 32)
        var secretKey = [UInt8](repeating: 0, count: 64)
        defer { sodium_memzero(&secretKey, 64) }
        seed.withUnsafeBytes { _ = crypto_sign_seed_keypair(&publicKey, &secretKey, $0.bindMemory(to: UInt8.self).baseAddress!) }
        var signature = [UInt8](repeating: 0, count: 64)
        crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
        return signature
    }
}

extension Token {
    /// Any 83 bytes as 200 digits, by schoolbook division: deliberately not the library's codec,
    /// so the vectors check it rather than repeat it.
    static func text(bytes: [UInt8]) throws -> String {
        precondition(bytes.count == size)
        var number = bytes
        var digits: [UInt8] = []
        while digits.count < 200 {
            var remainder = 0
            for i in number.indices {
                let current = remainder * 256 + Int(number[i])
                number[i] = UInt8(current / 10)
                remainder = current % 10
            }
            digits.append(UInt8(ascii: "0") + UInt8(remainder))
        }
        precondition(number.allSatisfy { $0 == 0 })
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

extension IssuerKey {
    /// A signature whose R is the neutral point (a small-order encoding) and whose equation
    /// holds: S = k·a mod L. Only the key's owner can make one. OpenSSL accepts it, libsodium
    /// refuses it, and SPEC.md §6 step 10 says to refuse it.
    func signWithNeutralR(_ message: [UInt8]) -> [UInt8] {
        let r: [UInt8] = [1] + [UInt8](repeating: 0, count: 31)
        var expanded = [UInt8](repeating: 0, count: 64)
        seed.withUnsafeBytes { _ = crypto_hash_sha512(&expanded, $0.bindMemory(to: UInt8.self).baseAddress!, 32) }
        defer { sodium_memzero(&expanded, 64) }
        var a = Array(expanded[0..<32]) + [UInt8](repeating: 0, count: 32)
        a[0] &= 248
        a[31] = a[31] & 127 | 64
        var aModL = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_reduce(&aModL, a)
        var hash = [UInt8](repeating: 0, count: 64)
        let input = r + publicKey + message
        crypto_hash_sha512(&hash, input, UInt64(input.count))
        var k = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_reduce(&k, hash)
        var s = [UInt8](repeating: 0, count: 32)
        crypto_core_ed25519_scalar_mul(&s, k, aModL)
        return r + s
    }
}

/// Ed25519 helpers for the trust-list vectors.
enum Curve {
    /// L, the order of the base point, little-endian.
    static let order: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ]

    /// S + L: the same scalar, non-canonically encoded (S < L, so the sum fits in 32 bytes).
    static func addOrder(to s: ArraySlice<UInt8>) -> [UInt8] {
        var carry = 0
        return zip(s, order).map { x, y in
            let sum = Int(x) + Int(y) + carry
            carry = sum >> 8
            return UInt8(truncatingIfNeeded: sum)
        }
    }

    /// p + a, the point's sum (libsodium; both must be on the curve).
    static func add(_ p: [UInt8], _ q: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        precondition(crypto_core_ed25519_add(&out, p, q) == 0)
        return out
    }

    static func hex(_ text: String) -> [UInt8] {
        let chars = Array(text.utf8)
        return stride(from: 0, to: chars.count, by: 2).map { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    /// The eight encodings of the points of small order (SPEC.md §7.1).
    static let smallOrder = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ].map(hex)
}
