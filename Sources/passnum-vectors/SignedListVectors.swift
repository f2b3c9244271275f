import Foundation
import PassIssuer
import PassVerifier

/// Signed trust lists (SPEC.md §14, `Vectors/trustlists/signed/`): the list's bytes, its
/// signature file and the root public key a verifier pins; one defect each. Root keys R and S
/// come from the fixed seeds of SPEC.md §9 ("passnum test vector key R", "… key S").
struct SignedListVectors {
    struct Vector {
        let name: String, expect: String, comment: String
        /// The list's bytes and the signature file's text.
        let list: [UInt8], signature: String
        var root = SignedListVectors.rootR.publicKey
        var signed: TrustListSignature? = nil

        var expectation: String {
            var lines = ["expect: \(expect)", "root-public-key: \(Data(root).base64EncodedString())", "comment: \(comment)"]
            if let signed {
                lines += ["root-kid: \(signed.rootKid)", "signed-at: \(VectorSet.iso(signed.signedDate))"]
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static let rootR = VectorSet.key("passnum test vector key R")
    static let rootS = VectorSet.key("passnum test vector key S")
    static let signedAt = UInt32(VectorSet.date("2026-11-27T09:00:00Z").timeIntervalSince1970)

    /// The bytes of Vectors/trustlist.json.
    let list = Array(VectorSet().trustList.json()) + [UInt8(ascii: "\n")]

    func vectors() -> [Vector] {
        let good = sign(list, with: Self.rootR)
        let text = good.text
        return [
            Vector(name: "valid", expect: "valid", comment: "Vectors/trustlist.json signed by root key R", list: list, signature: text + "\n", signed: good),
            Vector(name: "valid-blanks-around", expect: "valid", comment: "spaces, a tab and CR LF around the text are not part of it",
                   list: list, signature: " \t" + text + " \r\n", signed: good),
            Vector(name: "tampered-status", expect: "bad_list_signature", comment: "key B's status changed from revoked to active after signing",
                   list: replacing("\"revoked\"", with: "\"active\"", in: list), signature: text + "\n"),
            Vector(name: "tampered-final-newline", expect: "bad_list_signature", comment: "the list's final line feed removed: the exact bytes are signed",
                   list: Array(list.dropLast()), signature: text + "\n"),
            Vector(name: "tampered-signed-at", expect: "bad_list_signature", comment: "signedAt moved one second later: the time is signed too",
                   list: list, signature: TrustListSignature(rootKid: good.rootKid, signedAt: good.signedAt + 1, signature: good.signature).text + "\n"),
            Vector(name: "wrong-root", expect: "wrong_root", comment: "signed by root key S, root key R pinned",
                   list: list, signature: sign(list, with: Self.rootS).text + "\n"),
            Vector(name: "wrong-root-kid-edited", expect: "bad_list_signature", comment: "signed by root key S with R's key id written in: the kid matches, the signature does not",
                   list: list, signature: forgedKid().text + "\n"),
            Vector(name: "non-canonical-s", expect: "bad_list_signature", comment: "S + L instead of S (a non-canonical signature, SPEC.md §6 step 10)",
                   list: list, signature: TrustListSignature(rootKid: good.rootKid, signedAt: good.signedAt, signature: Array(good.signature[0..<32]) + Curve.addOrder(to: good.signature[32...])).text + "\n"),
            Vector(name: "small-order-r", expect: "bad_list_signature", comment: "R is the neutral point and the equation holds: refused as in SPEC.md §6 step 10",
                   list: list, signature: TrustListSignature(rootKid: good.rootKid, signedAt: good.signedAt, signature: Self.rootR.signWithNeutralR(message(list, Self.rootR))).text + "\n"),
            Vector(name: "malformed-prefix", expect: "malformed_signature", comment: "pnt2. instead of pnt1.",
                   list: list, signature: "pnt2." + text.dropFirst(5) + "\n"),
            Vector(name: "malformed-url-alphabet", expect: "malformed_signature", comment: "base64url characters instead of the standard alphabet",
                   list: list, signature: urlAlphabet(text) + "\n"),
            Vector(name: "malformed-short", expect: "malformed_signature", comment: "the last 4 characters missing (69 bytes, not 72)",
                   list: list, signature: text.dropLast(4) + "\n"),
            Vector(name: "malformed-line-break", expect: "malformed_signature", comment: "a line break inside the text",
                   list: list, signature: text.prefix(50) + "\n" + text.dropFirst(50) + "\n"),
            Vector(name: "bad-root-key", expect: "bad_root_key", comment: "the pinned root key is a point of small order (32 zero bytes)",
                   list: list, signature: text + "\n", root: [UInt8](repeating: 0, count: 32)),
        ]
    }

    private func message(_ list: [UInt8], _ key: IssuerKey) -> [UInt8] {
        TrustListSignature.message(rootKid: key.kid, signedAt: Self.signedAt, list: list)
    }

    private func sign(_ list: [UInt8], with key: IssuerKey) -> TrustListSignature {
        TrustListSignature(rootKid: key.kid, signedAt: Self.signedAt, signature: key.signRaw(message(list, key)))
    }

    /// S's signature over a message naming R's key id, presented as R's.
    private func forgedKid() -> TrustListSignature {
        let forged = TrustListSignature.message(rootKid: Self.rootR.kid, signedAt: Self.signedAt, list: list)
        return TrustListSignature(rootKid: Self.rootR.kid, signedAt: Self.signedAt, signature: Self.rootS.signRaw(forged))
    }

    private func urlAlphabet(_ text: String) -> String {
        let url = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        precondition(url != text, "the signature has no + or /: choose another vector")
        return url
    }

    private func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        precondition(text.contains(old))
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }
}
