import Foundation
import PassVerifier

/// The programme's root key: it signs trust lists (SPEC.md §14) and nothing else. It lives
/// offline, sealed in a key file like an issuer key (`root-<kid>.secret`, 0600); partners,
/// counters and the service pin its public key (`root-<kid>.pub`).
public struct RootKey: Sendable {
    public let signingKey: SigningKey

    public init(signingKey: SigningKey) { self.signingKey = signingKey }

    public var kid: KeyID { signingKey.kid }
    public var publicKey: [UInt8] { signingKey.publicKey }

    /// The file names of a root key in `folder`: `root-<kid>.secret` and `root-<kid>.pub`.
    public static func paths(in folder: String, kid: KeyID) -> (secret: String, public: String) {
        let base = URL(fileURLWithPath: folder).appendingPathComponent("root-\(kid)").path
        return (base + ".secret", base + ".pub")
    }

    /// The `.pub` file's text: the public key in base64 and a line feed.
    public var publicKeyFileText: String { Data(publicKey).base64EncodedString() + "\n" }

    /// Signs the exact bytes of a trust list at `date`. The list must load (SPEC.md §7.1) and
    /// must not hold this key: a root key is never an issuer key, and an issuer key given by
    /// mistake is refused rather than made a root.
    public func sign(list bytes: [UInt8], at date: Date) throws(IssuerError) -> TrustListSignature {
        let list: TrustList
        do {
            list = try TrustList(json: bytes)
        } catch {
            throw IssuerError(.trustList, error.message)
        }
        guard list.key(for: kid) == nil else {
            throw IssuerError(.keyUnusable, "key \(kid) is an issuer key of this trust list, not a root key")
        }
        let seconds = date.timeIntervalSince1970
        guard seconds >= 0, seconds < 4_294_967_296 else { throw IssuerError(.invalidRequest, "the signing time does not fit SPEC.md §14") }
        let signedAt = UInt32(seconds.rounded(.down))
        let signature = signingKey.sign(TrustListSignature.message(rootKid: kid, signedAt: signedAt, list: bytes))
        return TrustListSignature(rootKid: kid, signedAt: signedAt, signature: signature)
    }
}
