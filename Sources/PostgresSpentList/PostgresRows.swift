import Foundation
import PassVerifier
import PostgresNIO
import SpentList

/// The pass's fields read back from PostgreSQL. A value out of range (a serial 0 or above
/// 2^48 − 1, a malformed key id) throws `.corruptRow` instead of trapping, as on SQLite.
enum PostgresRows {
    static func pass(kid: String, serial: Int64) throws -> PassRef {
        guard let keyID = KeyID(text: kid), let value = UInt64(exactly: serial), let serial = Serial(value) else {
            throw PostgresErrors.corrupt("pass (\(kid), \(serial))")
        }
        return PassRef(kid: keyID, serial: serial)
    }

    static func serial(_ value: Int64) throws -> Serial {
        guard let unsigned = UInt64(exactly: value), let serial = Serial(unsigned) else { throw PostgresErrors.corrupt("serial \(value)") }
        return serial
    }

    static func cents(_ value: Int64) throws -> Cents {
        guard let unsigned = UInt32(exactly: value), let cents = Cents(unsigned) else { throw PostgresErrors.corrupt("value \(value)") }
        return cents
    }

    static func keyID(_ text: String) throws -> KeyID {
        guard let keyID = KeyID(text: text) else { throw PostgresErrors.corrupt("key id \(text)") }
        return keyID
    }

    /// A redemption from (value_cents, partner_id, name, redeemed_at_ms[, chain_prev]).
    static func redemption(
        _ pass: PassRef, value: Int64, partnerID: Int64, name: String, at millis: Int64, chain: String? = nil, helpKind: String? = nil
    ) throws -> Redemption {
        Redemption(pass: pass, value: try cents(value), partnerID: partnerID, partnerName: name, redeemedAt: Millis.date(millis),
                   chainPrevious: try chain.map(link), helpKind: helpKind)
    }

    /// A stored chain link (64 lowercase hex digits).
    static func link(_ text: String) throws -> ChainLink {
        guard let link = ChainLink(hex: text) else { throw PostgresErrors.corrupt("chain link \(text)") }
        return link
    }

    /// A partner (or an office) from `SELECT id, name, created_at_ms, disabled_at_ms, role`.
    static let partnerColumns = "id, name, created_at_ms, disabled_at_ms, role"

    static func partner(_ row: PostgresRow) throws -> Partner {
        let (id, name, created, disabled, role) = try row.decode((Int64, String, Int64, Int64?, String).self)
        return Partner(id: id, name: name, createdAt: Millis.date(created), disabledAt: disabled.map(Millis.date), role: AccountRole(rawValue: role) ?? .partner)
    }
}
