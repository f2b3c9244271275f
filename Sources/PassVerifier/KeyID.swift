/// The 4-byte key id: the first 4 bytes of BLAKE2b-256 of the issuer's Ed25519 public key
/// (SPEC.md §3). Shown as 8 lowercase hex digits.
public struct KeyID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 4 bytes, in the order they appear in the payload.
    public let bytes: [UInt8]

    /// A key id from exactly 4 bytes; nil for any other count.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 4 else { return nil }
        self.bytes = Array(bytes)
    }

    /// Parses exactly 8 lowercase hex digits.
    public init?(text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 8 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: 8, by: 2) {
            guard let hi = Self.hexValue(utf8[i]), let lo = Self.hexValue(utf8[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        self.bytes = out
    }

    /// The key id of an Ed25519 public key.
    public init(publicKey: [UInt8]) {
        precondition(publicKey.count == 32, "an Ed25519 public key is 32 bytes")
        self.bytes = Array(Sodium.blake2b256(publicKey).prefix(4))
    }

    /// The 8 lowercase hex digits, as in the trust list (`eb8012db`).
    public var text: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] }, as: UTF8.self)
    }

    /// The same as `text`.
    public var description: String { text }

    /// Byte order, so lists of keys sort the same everywhere.
    public static func < (lhs: KeyID, rhs: KeyID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
