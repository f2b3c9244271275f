import CSodium
import PassVerifier

/// The secret key file format (Keys/README.md): a fixed header naming the key, then the
/// 32-byte Ed25519 seed, sealed by default with XChaCha20-Poly1305 under a key derived from a
/// passphrase with Argon2id. The whole header is authenticated as associated data, so no
/// field (KDF cost, key id, public key) can be changed without the passphrase check failing.
public enum KeyFile {
    static let magic = Array("PNSECKEY".utf8)
    /// Version 2 is version 1 followed by a check of the whole file (`checkSize` bytes of
    /// BLAKE2b), so a damaged file is told apart from a wrong passphrase; version 1 is still read.
    static let version: UInt8 = 2
    static let headerSize = 8 + 1 + 1 + 4 + 32
    static let checkSize = 16

    enum Protection: UInt8 {
        case clear = 0
        case argon2idXChaCha20Poly1305 = 1
    }

    /// Argon2id cost for new files: libsodium's "moderate" (3 passes, 256 MiB), about a second.
    static let opsLimit = UInt64(crypto_pwhash_OPSLIMIT_MODERATE)
    static let memLimit = UInt64(crypto_pwhash_MEMLIMIT_MODERATE)
    /// Refuse costs beyond these when reading, so a crafted file cannot exhaust the machine.
    static let maxOpsLimit: UInt64 = 16
    static let maxMemLimit: UInt64 = 1 << 30

    /// Serialises an issuer key, sealed under `passphrase`, or in clear when `passphrase` is nil.
    public static func seal(_ key: IssuerKey, passphrase: SecretBytes?) throws(IssuerError) -> [UInt8] {
        try seal(key.signingKey, passphrase: passphrase)
    }

    /// Serialises any signing key (the service's receipt key uses the same format).
    public static func seal(_ key: SigningKey, passphrase: SecretBytes?) throws(IssuerError) -> [UInt8] {
        let protection: Protection = passphrase == nil ? .clear : .argon2idXChaCha20Poly1305
        var out = magic + [version, protection.rawValue] + key.kid.bytes + key.publicKey
        guard let passphrase else {
            return withCheck(out + key.seed.withUnsafeBytes { Array($0) })
        }
        let salt = randomBytes(Int(crypto_pwhash_SALTBYTES))
        let nonce = randomBytes(Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES))
        out += bigEndian(opsLimit) + bigEndian(memLimit) + salt + nonce
        let associated = out
        let wrapKey = try deriveKey(passphrase, salt: salt, ops: opsLimit, mem: memLimit)
        var sealed = [UInt8](repeating: 0, count: key.seed.count + Int(crypto_aead_xchacha20poly1305_ietf_ABYTES))
        var sealedLength: UInt64 = 0
        key.seed.withUnsafeBytes { seed in
            wrapKey.withUnsafeBytes { k in
                _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                    &sealed, &sealedLength, seed.baseAddress!, UInt64(seed.count),
                    associated, UInt64(associated.count), nil, nonce, k.baseAddress!)
            }
        }
        return withCheck(out + sealed)
    }

    private static func withCheck(_ bytes: [UInt8]) -> [UInt8] {
        bytes + check(bytes)
    }

    /// BLAKE2b-128 of the bytes: no key, so anyone can tell a damaged file without the passphrase.
    private static func check(_ bytes: some Collection<UInt8>) -> [UInt8] {
        LibSodium.ensureInitialised()
        let input = Array(bytes)
        var out = [UInt8](repeating: 0, count: checkSize)
        _ = crypto_generichash(&out, checkSize, input, UInt64(input.count), nil, 0)
        return out
    }

    /// Whether opening the file needs a passphrase; nil when the file is not a key file.
    public static func needsPassphrase(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count > headerSize, Array(bytes.prefix(8)) == magic else { return nil }
        return bytes[9] != Protection.clear.rawValue
    }

    /// The key id named in the header, readable without the passphrase.
    public static func keyID(_ bytes: [UInt8]) -> KeyID? {
        guard needsPassphrase(bytes) != nil else { return nil }
        return KeyID(bytes: bytes[10..<14])
    }

    /// Opens an issuer key file. `passphrase` is asked only for a sealed file.
    public static func open(_ bytes: [UInt8], passphrase: () throws(IssuerError) -> SecretBytes) throws(IssuerError) -> IssuerKey {
        IssuerKey(signingKey: try openSigningKey(bytes, passphrase: passphrase))
    }

    /// Opens a key file as a plain signing key (the service's receipt key).
    public static func openSigningKey(_ bytes: [UInt8], passphrase: () throws(IssuerError) -> SecretBytes) throws(IssuerError) -> SigningKey {
        guard bytes.count >= headerSize, Array(bytes.prefix(8)) == magic else {
            throw IssuerError(.badKeyFile, "this is not a passnum secret key file")
        }
        let bytes = try checked(bytes)
        let seed: SecretBytes
        switch Protection(rawValue: bytes[9]) {
        case .clear:
            guard bytes.count == headerSize + 32 else { throw damaged }
            seed = bytes[headerSize...].withUnsafeBytes { SecretBytes(copying: $0) }
        case .argon2idXChaCha20Poly1305:
            seed = try unseal(bytes, passphrase: passphrase())
        case nil:
            throw IssuerError(.badKeyFile, "unknown key protection \(bytes[9])")
        }
        let key = SigningKey(seed: seed)
        guard key.publicKey == Array(bytes[14..<46]), key.kid.bytes == Array(bytes[10..<14]) else {
            throw damaged
        }
        return key
    }

    /// The file without its check (version 2, checked) or as it is (version 1), once what can
    /// be checked without the passphrase holds: the key id is the public key's. So damage is
    /// said to be damage; only a version 1 file whose sealed part was altered still reads as a
    /// wrong passphrase, which nothing without the passphrase can tell apart.
    private static func checked(_ bytes: [UInt8]) throws(IssuerError) -> [UInt8] {
        let body: [UInt8]
        switch bytes[8] {
        case 1:
            body = bytes
        case 2:
            guard bytes.count >= headerSize + checkSize, check(bytes.dropLast(checkSize)) == Array(bytes.suffix(checkSize)) else { throw damaged }
            body = Array(bytes.dropLast(checkSize))
        default:
            throw IssuerError(.badKeyFile, "key file version \(bytes[8]) is not supported")
        }
        guard KeyID(publicKey: Array(body[14..<46])).bytes == Array(body[10..<14]) else { throw damaged }
        return body
    }

    private static var damaged: IssuerError {
        IssuerError(.badKeyFile, "the key file is damaged (wrong length or contents); restore it from a backup")
    }

    private static func unseal(_ bytes: [UInt8], passphrase: SecretBytes) throws(IssuerError) -> SecretBytes {
        let saltSize = Int(crypto_pwhash_SALTBYTES)
        let nonceSize = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
        let sealedStart = headerSize + 16 + saltSize + nonceSize
        guard bytes.count == sealedStart + 32 + Int(crypto_aead_xchacha20poly1305_ietf_ABYTES) else { throw damaged }
        let ops = readBigEndian(bytes[headerSize..<headerSize + 8])
        let mem = readBigEndian(bytes[headerSize + 8..<headerSize + 16])
        guard ops <= maxOpsLimit, mem <= maxMemLimit else {
            throw IssuerError(.badKeyFile, "the key file asks for an unreasonable key-derivation cost")
        }
        let salt = Array(bytes[headerSize + 16..<headerSize + 16 + saltSize])
        let nonce = Array(bytes[headerSize + 16 + saltSize..<sealedStart])
        let associated = Array(bytes[..<sealedStart])
        let sealed = Array(bytes[sealedStart...])
        let wrapKey = try deriveKey(passphrase, salt: salt, ops: ops, mem: mem)
        let seed = SecretBytes(count: 32)
        var seedLength: UInt64 = 0
        let status = seed.withUnsafeMutableBytes { out in
            wrapKey.withUnsafeBytes { k in
                crypto_aead_xchacha20poly1305_ietf_decrypt(
                    out.baseAddress!, &seedLength, nil, sealed, UInt64(sealed.count),
                    associated, UInt64(associated.count), nonce, k.baseAddress!)
            }
        }
        guard status == 0 else {
            throw IssuerError(.wrongPassphrase, "the passphrase does not open this key (or the file was altered)")
        }
        return seed
    }

    private static func deriveKey(_ passphrase: SecretBytes, salt: [UInt8], ops: UInt64, mem: UInt64) throws(IssuerError) -> SecretBytes {
        guard passphrase.count > 0 else { throw IssuerError(.noPassphrase, "the passphrase is empty") }
        let key = SecretBytes(count: Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES))
        let status = key.withUnsafeMutableBytes { out in
            passphrase.withUnsafeBytes { p in
                crypto_pwhash(
                    out.bindMemory(to: UInt8.self).baseAddress!, UInt64(out.count),
                    p.bindMemory(to: CChar.self).baseAddress!, UInt64(p.count),
                    salt, ops, Int(mem), crypto_pwhash_ALG_ARGON2ID13)
            }
        }
        guard status == 0 else {
            throw IssuerError(.badKeyFile, "key derivation failed (out of memory?)")
        }
        return key
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        randombytes_buf(&out, count)
        return out
    }

    private static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    private static func readBigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
