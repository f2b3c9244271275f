import Foundation
import SpentListAPI

/// Settlement in the forms partners and the programme's accounts read: JSON, CSV, and plain
/// text for the terminal.
public enum SettlementReport {
    /// The settlement as the service's route and `passnum settlement --json` give it.
    public static func json(_ settlement: Settlement, conflicts: [Conflict] = []) -> API.Settlement {
        API.Settlement(
            from: Timestamp(settlement.from), to: Timestamp(settlement.to), count: settlement.count, totalCents: settlement.totalCents,
            partners: settlement.partners.map { partner in
                API.PartnerSettlement(
                    partner: partner.partnerName, count: partner.count, totalCents: partner.totalCents,
                    passes: partner.redemptions.map { r in
                        API.SettledPass(
                            kid: r.pass.kid.text, serial: r.pass.serial.value, valueCents: Int64(r.value.value), redeemedAt: Timestamp(r.redeemedAt),
                            helpKind: r.helpKind)
                    })
            },
            conflicts: conflicts.map(json))
    }

    /// A conflict with both partners and both times (the first ones are null when no redemption
    /// counts, say for a revoked pass).
    public static func json(_ c: Conflict) -> API.Conflict {
        API.Conflict(
            kid: c.pass.kid.text, serial: c.pass.serial.value, valueCents: Int64(c.value.value), reason: Reason(rawValue: c.reason),
            partner: c.partnerName, scannedAt: Timestamp(c.scannedAt), firstPartner: c.firstPartnerName,
            firstRedeemedAt: c.firstRedeemedAt.map(Timestamp.init), recordedAt: Timestamp(c.recordedAt))
    }

    /// The conflicts of a period, as `GET /v1/conflicts` and `passnum conflicts --json` give them.
    public static func json(_ conflicts: [Conflict], from: Date, to: Date) -> API.Conflicts {
        API.Conflicts(from: Timestamp(from), to: Timestamp(to), conflicts: conflicts.map(json))
    }

    /// One line per redemption (RFC 4180), for a spreadsheet; totals are a SUM away.
    public static func csv(_ settlement: Settlement) -> String {
        var out = "partner,kid,serial,value_cents,redeemed_at\r\n"
        for partner in settlement.partners {
            for r in partner.redemptions {
                out += "\(field(partner.partnerName)),\(r.pass.kid),\(r.pass.serial),\(r.value.value),\(Timestamp.text(r.redeemedAt))\r\n"
            }
        }
        return out
    }

    /// One line per conflict (RFC 4180): both partners and both times.
    public static func csv(_ conflicts: [Conflict]) -> String {
        var out = "kid,serial,value_cents,reason,partner,scanned_at,first_partner,first_redeemed_at\r\n"
        for c in conflicts {
            out += "\(c.pass.kid),\(c.pass.serial),\(c.value.value),\(c.reason),\(field(c.partnerName)),\(Timestamp.text(c.scannedAt)),"
            out += "\(c.firstPartnerName.map(field) ?? ""),\(c.firstRedeemedAt.map(Timestamp.text) ?? "")\r\n"
        }
        return out
    }

    /// A CSV field, quoted, and defused so a spreadsheet never runs a name as a formula.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
