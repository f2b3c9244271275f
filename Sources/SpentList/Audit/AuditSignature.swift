import CSodium
import Foundation
import PassVerifier

/// The signature of an audit summary (SPEC.md §16): the auditor's own Ed25519 key signs the
/// summary's exact bytes, so a funder can check later that a summary is the one the auditor
/// made, with the auditor's public key alone.
public enum AuditSignature {
    public static let prefix = "pas1."
    public static let domain = Array("passnum-audit-summary:v1".utf8)

    /// What the auditor's key signs: the domain, the signer's kid, the summary's bytes.
    public static func message(signer kid: KeyID, summary: [UInt8]) -> [UInt8] { domain + kid.bytes + summary }

    /// The text of a signature file's line: `pas1.` ‖ base64 (§1) of kid ‖ signature.
    public static func text(signer kid: KeyID, signature: [UInt8]) -> String {
        prefix + Data(kid.bytes + signature).base64EncodedString()
    }

    /// Checks `text` (spaces and line ends around it ignored) over `summary` with the public
    /// key; the key ids are compared before any cryptography.
    public static func verify(text: String, summary: [UInt8], publicKey: [UInt8]) throws(SpentListError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(prefix), let data = Data(base64Encoded: String(trimmed.dropFirst(prefix.count))), data.count == 68,
              Data(data).base64EncodedString() == String(trimmed.dropFirst(prefix.count)) else {
            throw SpentListError(.badReceipt, "this is not an audit summary signature (pas1. and 68 bytes in base64)")
        }
        let bytes = Array(data)
        let kid = KeyID(bytes: bytes[0..<4])!
        guard publicKey.count == 32 else { throw SpentListError(.badReceipt, "the auditor's public key is not 32 bytes") }
        let expected = KeyID(publicKey: publicKey)
        guard kid == expected else {
            throw SpentListError(.receiptKeyMismatch, "the summary was signed by auditor key \(kid), not by \(expected)")
        }
        LibSodium.ensureInitialised()
        let message = message(signer: kid, summary: summary)
        guard crypto_sign_verify_detached(Array(bytes[4...]), message, UInt64(message.count), publicKey) == 0 else {
            throw SpentListError(.badReceiptSignature, "the summary's signature does not match: the summary was altered, or signed by another key")
        }
    }
}
