import CSodium

/// libsodium's initialisation, once per process for every module of the project (verifier,
/// issuer keys, receipt signer, API keys): `sodium_init` runs through a lazily initialised
/// global. Public so the other modules share it; it gives no access to any key.
public enum LibSodium {
    private static let initialised: Bool = sodium_init() >= 0

    public static func ensureInitialised() {
        precondition(initialised, "libsodium failed to initialise")
    }
}

/// The few libsodium calls the verifier needs.
enum Sodium {
    static func ensureInitialised() { LibSodium.ensureInitialised() }

    /// BLAKE2b-256 with no key (`crypto_generichash`).
    static func blake2b256(_ bytes: [UInt8]) -> [UInt8] {
        ensureInitialised()
        var out = [UInt8](repeating: 0, count: 32)
        _ = crypto_generichash(&out, 32, bytes, UInt64(bytes.count), nil, 0)
        return out
    }

    /// A canonical point of prime order, not of small order (SPEC.md §7.1 step 8.6).
    static func isValidPublicKey(_ publicKey: [UInt8]) -> Bool {
        ensureInitialised()
        return publicKey.count == 32 && crypto_core_ed25519_is_valid_point(publicKey) == 1
    }

    /// Ed25519 detached-signature check, refusing S ≥ L and a small-order R (SPEC.md §6 step 10) (`crypto_sign_verify_detached`).
    static func verify(signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, publicKey: [UInt8]) -> Bool {
        crypto_sign_verify_detached(
            signature.bindMemory(to: UInt8.self).baseAddress!,
            message.bindMemory(to: UInt8.self).baseAddress!,
            UInt64(message.count),
            publicKey
        ) == 0
    }
}
