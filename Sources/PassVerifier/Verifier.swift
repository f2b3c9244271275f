#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A pass that passed every check of SPEC.md §6 at a given time. Only `Verifier` makes one,
/// so holding a `VerifiedPass` is proof that the checks ran.
public struct VerifiedPass: Hashable, Sendable {
    /// The token as decoded.
    public let token: Token
    /// The `issuer` of the key that signed it.
    public let issuer: String
    /// The time the checks were made for.
    public let verifiedAt: Date

    /// The key id; with `serial`, the pass's identity: record spends by (kid, serial).
    public var kid: KeyID { token.payload.keyID }
    /// The serial number.
    public var serial: Serial { token.payload.serial }
    /// The value.
    public var value: Cents { token.payload.value }
    /// The instant from which the pass is no longer valid.
    public var expiry: Date { token.payload.expiryDate }

    fileprivate init(token: Token, issuer: String, verifiedAt: Date) {
        self.token = token
        self.issuer = issuer
        self.verifiedAt = verifiedAt
    }
}

/// Offline verification against a trust list. Reads no clock: the caller passes `at:`.
public struct Verifier: Sendable {
    /// The keys this verifier trusts.
    public let trustList: TrustList

    /// A verifier for a checked trust list; make one per list and share it between threads.
    public init(trustList: TrustList) {
        Sodium.ensureInitialised()
        self.trustList = trustList
    }

    /// Decodes the strict 200-digit text, then verifies it.
    public func verify(text: some StringProtocol, at date: Date) throws(PassError) -> VerifiedPass {
        try verify(try Token(text: text), at: date)
    }

    /// Checks, in this order: key id known, key not revoked, key valid at `date`, signature,
    /// expiry. The key id is compared before any cryptography, as in minisign.
    public func verify(_ token: Token, at date: Date) throws(PassError) -> VerifiedPass {
        let payload = token.payload
        let key = try trustList.usableKey(payload.keyID, at: date)
        guard Self.signatureMatches(token, key) else {
            throw PassError(.badSignature, "the signature does not match: the pass was altered or forged")
        }
        guard date < payload.expiryDate else {
            throw PassError(.expired, "the pass expired at \(TrustListDate.format(payload.expiryDate))")
        }
        return VerifiedPass(token: token, issuer: key.issuer, verifiedAt: date)
    }

    /// Whether a key of the trust list, revoked or not, valid at any time, signed this token:
    /// the pass was made by an issuer, whatever its dates. The service records an offline pass
    /// that fails `verify` as a conflict only when it is genuine, so nobody can fill the
    /// conflict table with made-up passes (issue 14 §1.2).
    public func isGenuine(_ token: Token) -> Bool {
        guard let key = trustList.key(for: token.payload.keyID) else { return false }
        return Self.signatureMatches(token, key)
    }

    private static func signatureMatches(_ token: Token, _ key: TrustList.Key) -> Bool {
        let message = Token.signedMessage(for: token.payload)
        return token.signature.withUnsafeBytes { signature in
            message.withUnsafeBytes { message in
                Sodium.verify(signature: signature, message: message, publicKey: key.publicKey)
            }
        }
    }
}

extension TrustList {
    /// The key `kid` if it may sign or verify at `date`: in the list, active, and within its
    /// validity, checked in this order so the first failure is the reason. Issuers apply the
    /// same rule before signing.
    public func usableKey(_ kid: KeyID, at date: Date) throws(PassError) -> Key {
        guard let key = key(for: kid) else {
            throw PassError(.unknownKey, "no key \(kid) in the trust list")
        }
        guard key.status == .active else {
            throw PassError(.keyRevoked, "key \(kid) of \(key.issuer) has been revoked")
        }
        guard key.isValid(at: date) else {
            throw PassError(.keyNotValid, "key \(kid) is not valid at this date")
        }
        return key
    }
}
