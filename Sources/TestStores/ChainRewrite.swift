import Foundation
import PassIssuer
import PassVerifier
import SpentList

/// What someone with write access to the database would run to hide a change from the chain
/// walk: every link recomputed from the rows as they now are, and the head. Only partners'
/// receipts and an earlier summary can then tell (SPEC.md §16.2).
public enum ChainRewrite {
    /// The statements (plain SQL, the same on SQLite and PostgreSQL) that rewrite the stored
    /// links of `rows` (every redemption, in feed order) from `feedSequence` on.
    public static func statements(_ rows: [AuditRow], from feedSequence: Int64) -> [String] {
        var link = ChainLink.start
        var cases: [String] = []
        for row in rows {
            guard let token = row.token, let kid = KeyID(text: row.kid), let serial = UInt64(exactly: row.serial).flatMap(Serial.init),
                  let value = UInt32(exactly: row.valueCents).flatMap(Cents.init) else { continue }
            if row.feedSequence >= feedSequence { cases.append("WHEN \(row.feedSequence) THEN '\(link.hex)'") }
            link = RedemptionChain.link(
                after: link, kid: kid, serial: serial, value: value, redeemedAtMillis: row.redeemedAtMillis, partnerID: row.partnerID, token: token)
        }
        return [
            "UPDATE redemptions SET chain_prev = CASE feed_seq \(cases.joined(separator: " ")) ELSE chain_prev END WHERE feed_seq >= \(feedSequence)",
            "UPDATE feed_counter SET chain_head = '\(link.hex)' WHERE name = 'feed'",
        ]
    }

    /// The receipt the service gave for `row` (version 2, the row's stored previous link),
    /// signed with `key`: what the partner kept.
    public static func receipt(for row: AuditRow, signedBy key: SigningKey) -> String {
        let redemption = Redemption(
            pass: PassRef(kid: KeyID(text: row.kid)!, serial: Serial(UInt64(row.serial))!), value: Cents(UInt32(row.valueCents))!,
            partnerID: row.partnerID, partnerName: row.partnerName, redeemedAt: row.redeemedAt, chainPrevious: row.chainPrevious.flatMap(ChainLink.init(hex:)))
        let body = Receipt(serviceKeyID: key.kid, redemption: redemption).body
        return Receipt.text(body: body, signature: key.sign(Receipt.signedMessage(body: body)))
    }
}
