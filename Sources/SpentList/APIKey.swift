import CSodium
import Foundation
import PassVerifier

/// A secret bearer key: 32 random bytes shown as `pnk_` (partner) or `pna_` (admin) followed by
/// unpadded base64url. It is shown once; stores keep only `APIKeyHash`.
public struct APIKey: Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case partner = "pnk_"
        case admin = "pna_"
        /// An office: records hand-overs only (the role is in the store, not in the prefix,
        /// which only helps people tell keys apart).
        case office = "pno_"
    }

    public let text: String

    public static func generate(_ kind: Kind) -> APIKey {
        LibSodium.ensureInitialised()
        var bytes = [UInt8](repeating: 0, count: 32)
        randombytes_buf(&bytes, bytes.count)
        defer { sodium_memzero(&bytes, bytes.count) }
        return APIKey(text: kind.rawValue + Base64URL.encode(bytes))
    }

    public init(text: String) {
        self.text = text
    }

    public var hash: APIKeyHash { APIKeyHash(of: text) }
    public var description: String { "APIKey(redacted)" }
}

/// BLAKE2b-256 of a key's text under the domain of SPEC.md §13. The keys carry 256 random bits, so a fast hash is enough: there
/// is nothing to brute-force. Compared in constant time.
public struct APIKeyHash: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(of keyText: some StringProtocol) {
        LibSodium.ensureInitialised()
        let input = Array("passnum-api-key:v1\n".utf8) + Array(keyText.utf8)
        var out = [UInt8](repeating: 0, count: 32)
        _ = crypto_generichash(&out, 32, input, UInt64(input.count), nil, 0)
        bytes = out
    }

    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: utf8[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        bytes = out
    }

    public var hex: String { LowerHex.text(bytes) }
    public var description: String { "APIKeyHash(\(hex.prefix(8))…)" }

    /// Constant-time equality (`sodium_memcmp`), for comparing against a presented key.
    public func matches(_ other: APIKeyHash) -> Bool {
        bytes.count == other.bytes.count && sodium_memcmp(bytes, other.bytes, bytes.count) == 0
    }
}

/// Bytes as lowercase hex digits, the way both stores keep hashes and chain links. Written out
/// rather than with `String(format:)`: a chain link is written with every redemption, and 32
/// formatter calls per link showed on the hot path.
public enum LowerHex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func text(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(2 * bytes.count)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// RFC 4648 §5 base64url without padding.
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        let standard = Data(bytes).base64EncodedData()
        var out: [UInt8] = []
        out.reserveCapacity(standard.count)
        for byte in standard {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard text.utf8.allSatisfy({ $0 < 128 && $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "=") }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }
}
