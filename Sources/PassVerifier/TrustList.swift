#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The issuer keys a verifier trusts (SPEC.md §7): parsed from the bytes of
/// `Keys/trustlist.json`, which the caller reads; this library does no I/O.
public struct TrustList: Sendable {
    /// The value of the list's `format` member.
    public static let format = "passnum-trustlist/v1"
    /// The most Unicode scalars an issuer name may have (SPEC.md §7.2).
    public static let issuerLimit = 100

    /// Whether a key may still be used.
    public enum Status: String, Sendable, Codable {
        case active, revoked
    }

    /// One issuer key of the list.
    public struct Key: Sendable, Equatable {
        /// The key id, computed from `publicKey`.
        public let kid: KeyID
        /// The 32-byte Ed25519 public key.
        public let publicKey: [UInt8]
        /// The issuer's name, shown to people.
        public let issuer: String
        /// The first instant the key is usable (included).
        public let notBefore: Date
        /// The last instant the key is usable (included).
        public let notAfter: Date
        /// Active or revoked.
        public let status: Status

        /// A key entry; its kid is computed. `TrustList(keys:)` checks it.
        public init(publicKey: [UInt8], issuer: String, notBefore: Date, notAfter: Date, status: Status) {
            self.kid = KeyID(publicKey: publicKey)
            self.publicKey = publicKey
            self.issuer = issuer
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.status = status
        }

        /// Usable at `date`: active, and `date` within [notBefore, notAfter].
        public func isValid(at date: Date) -> Bool {
            status == .active && notBefore <= date && date <= notAfter
        }
    }

    /// The keys, in the order of the file.
    public let keys: [Key]
    private let byKeyID: [KeyID: Key]

    /// A list made in code (an issuer's tools): each key valid (SPEC.md §7.1 step 8.6), no
    /// key id twice, no key whose validity ends before it starts.
    public init(keys: [Key]) throws(PassError) {
        var byKeyID: [KeyID: Key] = [:]
        for key in keys {
            guard Sodium.isValidPublicKey(key.publicKey) else {
                throw .trustList(.badKey, "key \(key.kid): publicKey is not a valid Ed25519 public key")
            }
            guard key.notBefore <= key.notAfter else {
                throw .trustList(.badValidity, "key \(key.kid): notBefore is after notAfter")
            }
            guard byKeyID.updateValue(key, forKey: key.kid) == nil else {
                throw .trustList(.duplicateKid, "key id \(key.kid) appears more than once")
            }
            try TrustListDocument.checkIssuer(key.issuer, at: "key \(key.kid)")
        }
        self.keys = keys
        self.byKeyID = byKeyID
    }

    /// Parses and checks `trustlist.json` in the order of SPEC.md §7.1, so every implementation
    /// refuses a bad list for the same reason. Unknown fields are ignored so the format can grow.
    public init(json: some DataProtocol) throws(PassError) {
        try self.init(keys: TrustListDocument.keys(fromJSON: Array(json)))
    }

    /// The key with this id, if the list has one.
    public func key(for kid: KeyID) -> Key? { byKeyID[kid] }

    /// The canonical JSON form, for writing a new trust list.
    public func json() -> Data {
        let file = FileForm(format: Self.format, keys: keys.map(FileForm.Entry.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(file)  // plain strings only: encoding cannot fail
    }
}

/// The JSON shape the list is written in.
private struct FileForm: Encodable {
    struct Entry: Encodable {
        var kid: String
        var publicKey: String
        var issuer: String
        var notBefore: String
        var notAfter: String
        var status: String

        init(_ key: TrustList.Key) {
            kid = key.kid.text
            publicKey = Base64.encode(key.publicKey)
            issuer = key.issuer
            notBefore = TrustListDate.format(key.notBefore)
            notAfter = TrustListDate.format(key.notAfter)
            status = key.status.rawValue
        }
    }

    var format: String
    var keys: [Entry]
}

/// Times as the trust list writes them (SPEC.md §1).
enum TrustListDate {
    static func format(_ date: Date) -> String {
        UnixTime.format(Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
