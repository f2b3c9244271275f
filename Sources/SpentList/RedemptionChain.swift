import CSodium
import Foundation
import PassVerifier

/// One link of the chain of redemptions (SPEC.md §12.2): 32 bytes, kept as 64 lowercase hex
/// digits in both stores.
public struct ChainLink: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// The link before the first chained redemption.
    public static let start = ChainLink(checked: [UInt8](repeating: 0, count: 32))

    private init(checked bytes: [UInt8]) { self.bytes = bytes }

    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.bytes = Array(bytes)
    }

    /// 64 lowercase hex digits, as the stores keep it; anything else is nil.
    public init?(hex: String) {
        guard hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
              let parsed = APIKeyHash(hex: hex) else { return nil }
        bytes = parsed.bytes
    }

    public var hex: String { LowerHex.text(bytes) }
    public var description: String { String(hex.prefix(16)) }
}

/// The chain of redemptions: each redemption, in feed order (the order of commits), is linked
/// to the one before by a hash over what it records, the token as scanned included. Each
/// receipt carries the link before its redemption, so a redemption deleted or altered later
/// breaks the chain where it was, and a partner's receipts pin the chain as it was then.
///
/// SHA-256 rather than the BLAKE2b-256 of the rest of the format: PostgreSQL computes it
/// itself (`sha256()`), inside the one statement that records a batch (PostgresSpentList).
public enum RedemptionChain {
    public static let domain = Array("passnum-chain:v1".utf8)

    /// The link after `redemption`, recorded with `token`, given the link before it.
    public static func link(after previous: ChainLink, _ redemption: Redemption, token: String) -> ChainLink {
        link(after: previous, kid: redemption.pass.kid, serial: redemption.pass.serial, value: redemption.value,
             redeemedAtMillis: Millis.from(redemption.redeemedAt), partnerID: redemption.partnerID, token: token)
    }

    /// The link from a row's stored fields (the auditor reads these, never a rounded date).
    public static func link(
        after previous: ChainLink, kid: KeyID, serial: Serial, value: Cents, redeemedAtMillis: Int64, partnerID: Int64, token: String
    ) -> ChainLink {
        var input = domain + previous.bytes + kid.bytes
        input += BigEndian.bytes(serial.value, 6) + BigEndian.bytes(UInt64(value.value), 4)
        input += BigEndian.bytes(UInt64(bitPattern: redeemedAtMillis), 8) + BigEndian.bytes(UInt64(bitPattern: partnerID), 8)
        input += Array(token.utf8)
        LibSodium.ensureInitialised()
        var out = [UInt8](repeating: 0, count: 32)
        _ = crypto_hash_sha256(&out, input, UInt64(input.count))
        return ChainLink(bytes: out)!
    }
}

/// Unsigned big-endian integers of a fixed width, for the byte layouts of receipts and links.
enum BigEndian {
    static func bytes(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func read(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
