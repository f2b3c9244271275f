import Foundation

/// The issuer keys a verifier trusts (SPEC.md §7): parsed from the bytes of
/// `Keys/trustlist.json`, which the caller reads; this library does no I/O.
public struct TrustList: Sendable {
    public static let format = "passnum-trustlist/v1"

    public enum Status: String, Sendable, Codable {
        case active, revoked
    }

    public struct Key: Sendable, Equatable {
        public let kid: KeyID
        public let publicKey: [UInt8]
        public let issuer: String
        public let notBefore: Date
        public let notAfter: Date
        public let status: Status

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

    public let keys: [Key]
    private let byKeyID: [KeyID: Key]

    public init(keys: [Key]) throws(PassError) {
        var byKeyID: [KeyID: Key] = [:]
        for key in keys {
            guard byKeyID.updateValue(key, forKey: key.kid) == nil else {
                throw PassError(.invalidTrustList, "key id \(key.kid) appears more than once")
            }
            guard key.notBefore <= key.notAfter else {
                throw PassError(.invalidTrustList, "key \(key.kid): notBefore is after notAfter")
            }
        }
        self.keys = keys
        self.byKeyID = byKeyID
    }

    /// Parses and checks `trustlist.json`. Unknown fields are ignored so the format can grow.
    public init(json: some DataProtocol) throws(PassError) {
        let file: FileForm
        do {
            file = try JSONDecoder().decode(FileForm.self, from: Data(json))
        } catch {
            throw PassError(.invalidTrustList, "the trust list is not valid JSON of the expected shape (\(Self.describe(error)))")
        }
        guard file.format == Self.format else {
            throw PassError(.invalidTrustList, "format is \"\(file.format)\", expected \"\(Self.format)\"")
        }
        try self.init(keys: file.keys.enumerated().map { index, entry throws(PassError) in
            try entry.key(position: index + 1)
        })
    }

    public func key(for kid: KeyID) -> Key? { byKeyID[kid] }

    /// The canonical JSON form, for writing a new trust list.
    public func json() -> Data {
        let file = FileForm(format: Self.format, keys: keys.map(FileForm.Entry.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(file)  // plain strings only: encoding cannot fail
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "not JSON"
        }
    }
}

/// The JSON shape of the file, kept apart from the checked model.
private struct FileForm: Codable {
    struct Entry: Codable {
        var kid: String
        var publicKey: String
        var issuer: String
        var notBefore: String
        var notAfter: String
        var status: String

        init(_ key: TrustList.Key) {
            kid = key.kid.text
            publicKey = Data(key.publicKey).base64EncodedString()
            issuer = key.issuer
            notBefore = TrustListDate.format(key.notBefore)
            notAfter = TrustListDate.format(key.notAfter)
            status = key.status.rawValue
        }

        func key(position: Int) throws(PassError) -> TrustList.Key {
            let at = "key #\(position) (\(kid))"
            guard let claimed = KeyID(text: kid) else {
                throw PassError(.invalidTrustList, "\(at): kid must be 8 lowercase hex digits")
            }
            guard let raw = Data(base64Encoded: publicKey), raw.count == 32 else {
                throw PassError(.invalidTrustList, "\(at): publicKey must be the standard base64 of 32 bytes")
            }
            let key = try TrustList.Key(
                publicKey: Array(raw),
                issuer: issuer,
                notBefore: TrustListDate.parse(notBefore, field: "\(at) notBefore"),
                notAfter: TrustListDate.parse(notAfter, field: "\(at) notAfter"),
                status: status(at: at)
            )
            guard key.kid == claimed else {
                throw PassError(.invalidTrustList, "\(at): kid does not match its public key (the key's id is \(key.kid))")
            }
            return key
        }

        private func status(at: String) throws(PassError) -> TrustList.Status {
            guard let status = TrustList.Status(rawValue: self.status) else {
                throw PassError(.invalidTrustList, "\(at): status must be \"active\" or \"revoked\"")
            }
            return status
        }
    }

    var format: String
    var keys: [Entry]
}

/// RFC 3339 instants such as `2026-11-01T00:00:00Z`.
enum TrustListDate {
    static func parse(_ text: String, field: String) throws(PassError) -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw PassError(.invalidTrustList, "\(field) is not an RFC 3339 date-time such as 2026-11-01T00:00:00Z")
        }
        return date
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
