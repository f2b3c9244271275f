#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The programme's signature over the exact bytes of a trust list, made with its root key
/// (SPEC.md §14). It travels beside the list (`trustlist.json.sig`, or the
/// `Passnum-Trust-List-Signature` header of `GET /v1/trustlist`), so the list's bytes stay as
/// they are and nothing is canonicalised. `TrustList(json:)` does not look at it: a partner
/// checks the signature with `check(json:signature:rootPublicKey:)` where its list comes
/// from a place it does not trust, then loads the list.
public struct TrustListSignature: Sendable, Equatable {
    /// Binds the signature to this purpose (a pass or receipt signature can never pass for one).
    public static let domain = Array("passnum-trustlist-signature:v1".utf8)
    /// The start of the text, naming the format and its version.
    public static let prefix = "pnt1."
    /// root kid (4) ‖ signedAt (4) ‖ Ed25519 signature (64).
    static let bodySize = 72

    /// The key id (SPEC.md §3) of the root key that signed.
    public let rootKid: KeyID
    /// When the list was signed, Unix seconds: a counter can refuse a list older than its own.
    public let signedAt: UInt32
    /// The 64-byte Ed25519 signature.
    public let signature: [UInt8]

    /// A signature's parts (the issuer's tools sign; this library only checks).
    public init(rootKid: KeyID, signedAt: UInt32, signature: [UInt8]) {
        precondition(signature.count == 64, "an Ed25519 signature is 64 bytes")
        self.rootKid = rootKid
        self.signedAt = signedAt
        self.signature = signature
    }

    /// Reads the text strictly (SPEC.md §14.2 step 2); spaces, tabs and line ends around it
    /// (a file's final line feed, an HTTP header's padding) are not part of it.
    public init(text: some StringProtocol) throws(PassError) {
        let trimmed = Substring(text).trimmingASCIIBlanks()
        guard trimmed.hasPrefix(Self.prefix), let body = Base64.decode(trimmed.dropFirst(Self.prefix.count)), body.count == Self.bodySize else {
            throw .listSignature(.malformedSignature, "the signature is not \(Self.prefix) followed by the base64 of \(Self.bodySize) bytes")
        }
        self.init(rootKid: KeyID(bytes: body[0..<4])!, signedAt: body[4..<8].reduce(0) { $0 << 8 | UInt32($1) }, signature: Array(body[8...]))
    }

    /// The text, as written in the signature file (without its line feed) and the header.
    public var text: String {
        let time = (0..<4).map { UInt8(truncatingIfNeeded: signedAt >> (24 - 8 * UInt32($0))) }
        return Self.prefix + Base64.encode(rootKid.bytes + time + signature)
    }

    /// The date the list was signed.
    public var signedDate: Date { Date(timeIntervalSince1970: TimeInterval(signedAt)) }

    /// What the root key signs: the domain, the root kid, the time, then the list's bytes.
    public static func message(rootKid: KeyID, signedAt: UInt32, list: some Collection<UInt8>) -> [UInt8] {
        domain + rootKid.bytes + (0..<4).map { UInt8(truncatingIfNeeded: signedAt >> (24 - 8 * UInt32($0))) } + list
    }

    /// Checks that `signature` was made by the root key `rootPublicKey` over exactly these
    /// bytes, in the order of SPEC.md §14.2: the root key, the text, the root kid (compared
    /// before any cryptography, naming both), then the Ed25519 signature. Throws
    /// `bad_trust_list_signature` with the reason as `detail`.
    public static func check(json: some DataProtocol, signature: some StringProtocol, rootPublicKey: [UInt8]) throws(PassError) -> TrustListSignature {
        guard Sodium.isValidPublicKey(rootPublicKey) else {
            throw .listSignature(.badRootKey, "the root public key is not a valid Ed25519 public key (32 bytes, not of small order)")
        }
        let parsed = try TrustListSignature(text: signature)
        let root = KeyID(publicKey: rootPublicKey)
        guard parsed.rootKid == root else {
            throw .listSignature(.wrongRoot, "the trust list was signed by root key \(parsed.rootKid), not by the pinned root key \(root)")
        }
        let message = message(rootKid: root, signedAt: parsed.signedAt, list: Array(json))
        let genuine = parsed.signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { Sodium.verify(signature: signatureBytes, message: $0, publicKey: rootPublicKey) }
        }
        guard genuine else {
            throw .listSignature(.badListSignature, "the trust list's signature does not match its bytes: the list was altered, or the signature belongs to another list")
        }
        return parsed
    }
}

extension Substring {
    /// Without ASCII spaces, tabs, carriage returns and line feeds at either end.
    func trimmingASCIIBlanks() -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        var start = startIndex, end = endIndex
        while start < end, blank(self[start]) { start = index(after: start) }
        while end > start, blank(self[index(before: end)]) { end = index(before: end) }
        return self[start..<end]
    }
}

extension TrustListSignature {
    /// The root key's fingerprint, for people to compare (SPEC.md §14.1): the first 16 bytes of
    /// BLAKE2b-256 of the public key in lowercase hex, eight groups of four digits; the first
    /// two groups are the root kid.
    public static func fingerprint(rootPublicKey: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let hex = Sodium.blake2b256(rootPublicKey).prefix(16).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] }
        return stride(from: 0, to: 32, by: 4).map { String(decoding: hex[$0..<$0 + 4], as: UTF8.self) }.joined(separator: " ")
    }

    /// A root public key as its `.pub` file holds it (SPEC.md §14.1): the strict base64 (§1) of
    /// 32 bytes, blanks around it ignored. Refused with `bad_root_key` unless it is a valid key.
    public static func rootPublicKey(text: some StringProtocol) throws(PassError) -> [UInt8] {
        guard let key = Base64.decode(Substring(text).trimmingASCIIBlanks()), Sodium.isValidPublicKey(key) else {
            throw .listSignature(.badRootKey, "the root public key is not the base64 of a valid 32-byte Ed25519 public key")
        }
        return key
    }
}
