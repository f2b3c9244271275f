import Foundation
import SpentList

/// Settlement in the forms partners and the programme's accounts read: JSON, CSV, and plain
/// text for the terminal.
public enum SettlementReport {
    /// Days are Paris days, as the programme counts its months.
    public static let timeZone = TimeZone(identifier: "Europe/Paris")!

    /// Midnight, Paris time, at the start of a YYYY-MM-DD day.
    public static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    /// [first day of month, first day of next month) for YYYY-MM.
    public static func month(_ text: String) -> (from: Date, to: Date)? {
        guard let from = parseDay(text + "-01") else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .month, value: 1, to: from).map { (from, $0) }
    }

    public static func json(_ settlement: Settlement, conflicts: [Conflict] = []) -> JSON {
        .object([
            ("from", .string(Timestamp.text(settlement.from))), ("to", .string(Timestamp.text(settlement.to))),
            ("count", .int(Int64(settlement.count))), ("totalCents", .int(settlement.totalCents)),
            ("partners", .array(settlement.partners.map { partner in
                .object([
                    ("partner", .string(partner.partnerName)), ("count", .int(Int64(partner.count))),
                    ("totalCents", .int(partner.totalCents)),
                    ("passes", .array(partner.redemptions.map { r in
                        .object([
                            ("kid", .string(r.pass.kid.text)), ("serial", .int(Int64(r.pass.serial.value))),
                            ("valueCents", .int(Int64(r.value.value))), ("redeemedAt", .string(Timestamp.text(r.redeemedAt))),
                        ])
                    })),
                ])
            })),
            ("conflicts", .array(conflicts.map(json))),
        ])
    }

    /// A conflict with both partners and both times (the first ones are null when no redemption
    /// counts, say for a revoked pass).
    public static func json(_ c: Conflict) -> JSON {
        .object([
            ("kid", .string(c.pass.kid.text)), ("serial", .int(Int64(c.pass.serial.value))), ("valueCents", .int(Int64(c.value.value))),
            ("reason", .string(c.reason)), ("partner", .string(c.partnerName)), ("scannedAt", .string(Timestamp.text(c.scannedAt))),
            ("firstPartner", c.firstPartnerName.map { .string($0) } ?? .null),
            ("firstRedeemedAt", c.firstRedeemedAt.map { .string(Timestamp.text($0)) } ?? .null),
            ("recordedAt", .string(Timestamp.text(c.recordedAt))),
        ])
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

    /// "12.50" from cents.
    public static func euros(_ cents: Int64) -> String {
        String(format: "%lld.%02lld", cents / 100, cents % 100)
    }
}
