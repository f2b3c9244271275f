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
