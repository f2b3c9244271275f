import Foundation
import PassVerifier

/// What a counter does with a trust list the service sent, before its replica keeps it: with a
/// pinned root key, the list must carry the root's signature over its exact bytes (SPEC.md
/// §14) and must not be older than the signed list already kept (an old list, replayed, would
/// bring back a revoked key); in every case it must load (§7.1). A refused list is never kept,
/// so the previous one stays in force.
public enum TrustListIntake {
    /// Why a list was refused, as the error's subject: a reason of SPEC.md §14.2, or these.
    public static let missing = "missing_signature"
    public static let older = "older_than_kept"

    /// The list's bytes and signature to keep, or the reason they are refused.
    public static func accept(
        json: Data, signature: String?, root: [UInt8]?, kept: String?
    ) throws(CounterError) -> (json: Data, signature: String?) {
        if let root {
            guard let signature else {
                throw CounterError(.untrustedTrustList, "the service sent the trust list without a signature, and a root key is pinned", subject: missing)
            }
            let checked: TrustListSignature
            do {
                checked = try TrustListSignature.check(json: json, signature: signature, rootPublicKey: root)
            } catch {
                throw CounterError(.untrustedTrustList, "the trust list from the service: \(error.message)", subject: error.detail?.rawValue)
            }
            if let kept = kept.flatMap({ try? TrustListSignature(text: $0) }), kept.rootKid == checked.rootKid, checked.signedAt < kept.signedAt {
                throw CounterError(.untrustedTrustList, "the trust list from the service was signed on \(checked.signedDate), before the one this counter keeps (\(kept.signedDate)): an old list is never taken back", subject: older)
            }
        }
        do {
            _ = try TrustList(json: json)
        } catch {
            throw CounterError(.noTrustList, "the trust list from the service is invalid: \(error.message)")
        }
        return (json, signature)
    }
}
