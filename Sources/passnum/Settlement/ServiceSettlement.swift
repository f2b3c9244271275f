import Foundation
import PassVerifier
import SpentList
import SpentListAPI

/// The service's settlement answer read back into the spent list's values, so a partner's
/// statement is made by the same code as the programme's. The answer names partners, not their
/// ids: ids here are 0.
enum ServiceSettlement {
    static func values(_ answer: API.Settlement) throws -> (Settlement, [Conflict]) {
        let partners = try answer.partners.map { p in
            PartnerSettlement(partnerID: 0, partnerName: p.partner, redemptions: try p.passes.map { line in
                Redemption(pass: try pass(line.kid, line.serial), value: try cents(line.valueCents), partnerID: 0,
                           partnerName: p.partner, redeemedAt: line.redeemedAt.date)
            })
        }
        let conflicts = try answer.conflicts.map { c in
            Conflict(
                reason: c.reason.rawValue, pass: try pass(c.kid, c.serial), value: try cents(c.valueCents), partnerID: 0,
                partnerName: c.partner, scannedAt: c.scannedAt.date, firstPartnerID: nil, firstPartnerName: c.firstPartner,
                firstRedeemedAt: c.firstRedeemedAt?.date, recordedAt: c.recordedAt.date)
        }
        return (Settlement(from: answer.from.date, to: answer.to.date, partners: partners), conflicts)
    }

    private static func pass(_ kid: String, _ serial: UInt64) throws -> PassRef {
        guard let kid = KeyID(text: kid), let serial = Serial(serial) else { throw bad }
        return PassRef(kid: kid, serial: serial)
    }

    private static func cents(_ value: Int64) throws -> Cents {
        guard let value = UInt32(exactly: value), let cents = Cents(value) else { throw bad }
        return cents
    }

    private static var bad: Failure {
        Failure(Words(en: "the service's settlement answer holds a pass this version cannot read", fr: "la réponse du service contient un pass illisible pour cette version"))
    }
}
