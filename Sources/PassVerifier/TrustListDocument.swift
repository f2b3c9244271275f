#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads `trustlist.json` as plain JSON values and checks it step by step in the order of
/// SPEC.md §7.1. A `Decodable` struct would check shape before values and all entries before
/// any one of them, so two defects would not be reported as the other languages report them.
enum TrustListDocument {
    static func keys(fromJSON bytes: [UInt8]) throws(PassError) -> [TrustList.Key] {
        let top = try object(parse(bytes), "the trust list")
        let format = try string("format", in: top, at: "the trust list")
        guard format == TrustList.format else {
            throw .trustList(.wrongFormat, "format is \"\(format)\", expected \"\(TrustList.format)\"")
        }
        guard let keys = top["keys"] else { throw .trustList(.missingField, "the trust list: missing field \"keys\"") }
        guard case .array(let entries) = keys else { throw .trustList(.wrongType, "the trust list: keys must be an array") }
        var seen: Set<KeyID> = []
        var out: [TrustList.Key] = []
        for (index, entry) in entries.enumerated() {
            let key = try self.key(entry, at: "key #\(index + 1)")
            guard seen.insert(key.kid).inserted else {
                throw .trustList(.duplicateKid, "key id \(key.kid) appears more than once")
            }
            try checkIssuer(key.issuer, at: "key #\(index + 1) (\(key.kid))")
            out.append(key)
        }
        return out
    }

    /// Steps 8.1 to 8.11 for one entry (8.12 and 8.13 need the entries before it done).
    private static func key(_ value: JSONValue, at position: String) throws(PassError) -> TrustList.Key {
        let entry = try object(value, position)
        var fields: [String: String] = [:]
        for name in ["kid", "publicKey", "issuer", "notBefore", "notAfter", "status"] {
            fields[name] = try string(name, in: entry, at: position)
        }
        let at = "\(position) (\(fields["kid"]!))"
        guard let claimed = KeyID(text: fields["kid"]!) else {
            throw .trustList(.badKid, "\(at): kid must be 8 lowercase hex digits")
        }
        let publicKey = try self.publicKey(fields["publicKey"]!, at: at)
        let key = KeyID(publicKey: publicKey)
        guard key == claimed else {
            throw .trustList(.kidMismatch, "\(at): kid does not match its public key (the key's id is \(key))")
        }
        let notBefore = try time(fields["notBefore"]!, "\(at) notBefore")
        let notAfter = try time(fields["notAfter"]!, "\(at) notAfter")
        guard notBefore <= notAfter else { throw .trustList(.badValidity, "\(at): notBefore is after notAfter") }
        guard let status = TrustList.Status(rawValue: fields["status"]!) else {
            throw .trustList(.unknownStatus, "\(at): status must be \"active\" or \"revoked\"")
        }
        return TrustList.Key(publicKey: publicKey, issuer: fields["issuer"]!, notBefore: notBefore, notAfter: notAfter, status: status)
    }

    /// Step 8.13: 1 to 100 Unicode scalars (SPEC.md §7.2): scalars, not `count`, which counts
    /// the characters people see by tables the other languages do not have.
    static func checkIssuer(_ issuer: String, at: String) throws(PassError) {
        let scalars = issuer.unicodeScalars.count
        guard (1...TrustList.issuerLimit).contains(scalars) else {
            throw .trustList(.badIssuer, "\(at): issuer must be 1 to \(TrustList.issuerLimit) Unicode characters, not \(scalars)")
        }
    }

    private static func publicKey(_ text: String, at: String) throws(PassError) -> [UInt8] {
        guard let raw = Base64.decode(text) else {
            throw .trustList(.badBase64, "\(at): publicKey must be strict standard base64 (RFC 4648, padded)")
        }
        guard raw.count == 32 else { throw .trustList(.badKey, "\(at): publicKey must be 32 bytes, not \(raw.count)") }
        guard Sodium.isValidPublicKey(raw) else {
            throw .trustList(.badKey, "\(at): publicKey is not a valid Ed25519 public key (small order or not canonical)")
        }
        return raw
    }

    private static func time(_ text: String, _ field: String) throws(PassError) -> Date {
        guard let seconds = UnixTime.parse(text) else {
            throw .trustList(.badTime, "\(field) is not a time written exactly as 2026-11-01T00:00:00Z")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func parse(_ bytes: [UInt8]) throws(PassError) -> JSONValue {
        // JSONDecoder would skip a byte-order mark, which the other languages refuse.
        guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]), String(validating: bytes, as: UTF8.self) != nil,
              let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        else { throw .trustList(.notJSON, "the trust list is not valid JSON (UTF-8, no byte-order mark)") }
        return value
    }

    private static func object(_ value: JSONValue, _ what: String) throws(PassError) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw .trustList(.wrongType, "\(what) must be a JSON object") }
        return members
    }

    private static func string(_ name: String, in object: [String: JSONValue], at what: String) throws(PassError) -> String {
        guard let value = object[name] else { throw .trustList(.missingField, "\(what): missing field \"\(name)\"") }
        guard case .string(let text) = value else { throw .trustList(.wrongType, "\(what): \(name) must be a string") }
        return text
    }
}

/// Any JSON value; only strings, arrays and objects matter to the trust list.
enum JSONValue: Decodable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case other  // null, a boolean or a number

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .other
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let members = try? container.decode([String: JSONValue].self) {
            self = .object(members)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else if (try? container.decode(Bool.self)) != nil || (try? container.decode(Double.self)) != nil {
            self = .other
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }
}
