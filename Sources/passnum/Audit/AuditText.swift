import Conventions
import Foundation
import PassVerifier
import SpentList

/// The audit's summary as people read it (and as the auditor's key signs it), in the user's
/// language: counts, the chain, totals per month and partner, and every finding naming its row
/// by feed sequence number, with its machine code in brackets.
struct AuditText {
    let report: AuditReport
    /// Where the spent list and the trust list were read, and when.
    let database: String, trustList: String, at: Date

    var text: String {
        var lines = [
            Words(en: "passnum audit of the spent list", fr: "passnum : audit de la liste des passes utilisés"),
            Words("format: passnum-audit-summary/v1"),
            Words(en: "database: \(database)", fr: "base : \(database)"),
            Words(en: "trust list: \(trustList)", fr: "liste de confiance : \(trustList)"),
            Words(en: "audited on: \(Paris.dayAndTime(at)) (Paris time)", fr: "audit du : \(Paris.dayAndTime(at)) (heure de Paris)"),
            Words(en: "grace days: \(report.graceDays)", fr: "jours de grâce : \(report.graceDays)"),
            Words(en: "redemptions: \(report.redemptions) (verified again: \(report.verified); without a token, recorded before passnum kept them: \(report.withoutToken))",
                  fr: "encaissements : \(report.redemptions) (vérifiés à nouveau : \(report.verified) ; sans jeton, enregistrés avant que passnum les garde : \(report.withoutToken))"),
            Words(en: "cancellations: \(report.revocations)", fr: "annulations : \(report.revocations)"),
            Words(en: "chain: \(report.chained) links, head \(report.chainHead?.hex ?? "none"), up to feed number \(report.lastFeedSequence)",
                  fr: "chaîne : \(report.chained) maillons, tête \(report.chainHead?.hex ?? "aucune"), jusqu'au numéro de flux \(report.lastFeedSequence)"),
        ]
        if report.receipts > 0 {
            lines.append(Words(en: "partners' receipts checked: \(report.receipts)", fr: "reçus des partenaires vérifiés : \(report.receipts)"))
        }
        if let earlier = report.earlier {
            let head = earlier.head?.hex
            lines.append(Words(en: "earlier summary: \(earlier.links) links, head \(head ?? "none"), up to feed number \(earlier.lastFeedSequence)",
                               fr: "résumé précédent : \(earlier.links) maillons, tête \(head ?? "aucune"), jusqu'au numéro de flux \(earlier.lastFeedSequence)"))
        }
        lines.append(Words(en: "totals per month and partner:", fr: "totaux par mois et partenaire :"))
        lines += report.totals.map { total in
            Words(en: "  \(total.month)  \(total.partnerName)  \(total.count) passes  \(Euros.english(total.cents))",
                  fr: "  \(total.month)  \(total.partnerName)  \(total.count) pass  \(Euros.french(UInt64(max(0, total.cents))))")
        }
        lines.append(Words(en: "total: \(Euros.english(report.totalCents))", fr: "total : \(Euros.french(UInt64(max(0, report.totalCents))))"))
        lines += report.revokedKeys.map { key in
            Words(en: "key \(key.kid) is revoked in the trust list: \(key.count) of its passes paid, the last on \(Paris.dayAndTime(key.last)); compare with the date it was revoked",
                  fr: "la clé \(key.kid) est révoquée dans la liste de confiance : \(key.count) de ses pass payés, le dernier le \(Paris.dayAndTime(key.last)) ; à comparer avec la date de sa révocation")
        }
        lines.append(report.isClean
            ? Words(en: "findings: none", fr: "constats : aucun")
            : Words(en: "findings: \(report.findings.count)", fr: "constats : \(report.findings.count)"))
        lines += report.findings.map(Self.words)
        return lines.map(\.text).joined(separator: "\n") + "\n"
    }

    static func words(_ finding: AuditFinding) -> Words {
        let d = finding.detail
        let row = finding.row.map(Self.row) ?? Words("")
        let what: Words = switch finding.kind {
        case .damagedRow: Words(en: "a field cannot be read (key id, serial or value)", fr: "un champ est illisible (clé, numéro ou valeur)")
        case .tokenRefused: Words(en: "its token does not verify at its redemption time (\(d["reason"] ?? ""))", fr: "son jeton ne se vérifie pas à sa date d'encaissement (\(d["reason"] ?? ""))")
        case .tokenMismatch: Words(en: "its token is pass \(d["tokenPass"] ?? "") worth \(d["tokenValueCents"] ?? "") cents, not what the row says", fr: "son jeton est le pass \(d["tokenPass"] ?? "") de \(d["tokenValueCents"] ?? "") centimes, pas ce que dit la ligne")
        case .paidTwice: Words(en: "pass \(d["pass"] ?? "") was already paid at feed number \(d["firstFeedSequence"] ?? "")", fr: "le pass \(d["pass"] ?? "") a déjà été payé au numéro de flux \(d["firstFeedSequence"] ?? "")")
        case .paidAfterCancellation: Words(en: "paid after its cancellation (\(d["reason"] ?? ""), \(d["revokedAt"] ?? ""), feed number \(d["revocationFeedSequence"] ?? ""))", fr: "payé après son annulation (\(d["reason"] ?? ""), \(d["revokedAt"] ?? ""), numéro de flux \(d["revocationFeedSequence"] ?? ""))")
        case .chainBreak: Words(en: "the chain breaks before this row: a redemption after feed number \(d["previousFeedSequence"] ?? "?") was deleted, or that row was altered (expected \(d["expected"] ?? ""), stored \(d["stored"] ?? ""))", fr: "la chaîne est rompue avant cette ligne : un encaissement après le numéro de flux \(d["previousFeedSequence"] ?? "?") a été supprimé, ou cette ligne-là modifiée (attendu \(d["expected"] ?? ""), enregistré \(d["stored"] ?? ""))")
        case .chainMissing: Words(en: "no \(d["missing"] ?? "link") although the chain had begun", fr: "pas de \(d["missing"] ?? "maillon") alors que la chaîne avait commencé")
        case .chainHead: Words(en: "the chain's stored head does not follow the last chained row: it was altered, or redemptions after it were deleted (expected \(d["expected"] ?? ""), stored \(d["stored"] ?? ""))", fr: "la tête enregistrée de la chaîne ne suit pas la dernière ligne chaînée : celle-ci a été modifiée, ou des encaissements après elle supprimés (attendu \(d["expected"] ?? ""), enregistré \(d["stored"] ?? ""))")
        case .receiptNotGenuine, .receiptUnpaid, .receiptMismatch, .receiptChain: receiptWords(finding.kind, d)
        case .earlierSummaryMismatch: Words(
            en: "the chain no longer passes through the earlier summary's head at link \(d["earlierLinks"] ?? "?") (feed number \(d["earlierFeedSequence"] ?? "?") then): the history up to it was rewritten since (earlier \(d["earlierHead"] ?? ""), today \(d["todayLink"] ?? "")\(d["todayLinks"].map { ", today's chain has \($0) links" } ?? ""))",
            fr: "la chaîne ne passe plus par la tête du résumé précédent au maillon \(d["earlierLinks"] ?? "?") (numéro de flux \(d["earlierFeedSequence"] ?? "?") alors) : l'historique jusque-là a été réécrit depuis (avant \(d["earlierHead"] ?? ""), aujourd'hui \(d["todayLink"] ?? "")\(d["todayLinks"].map { ", la chaîne n'a plus que \($0) maillons" } ?? ""))")
        case .statementMismatch: Words(en: "the statement for \(d["partner"] ?? "?") in \(d["month"] ?? "") says \(d["statedCount"] ?? "?") passes, \(d["statedCents"] ?? "?") cents; the rows say \(d["rawCount"] ?? "?"), \(d["rawCents"] ?? "?") cents \(d["error"] ?? "")", fr: "le relevé de \(d["partner"] ?? "?") pour \(d["month"] ?? "") dit \(d["statedCount"] ?? "?") pass, \(d["statedCents"] ?? "?") centimes ; les lignes disent \(d["rawCount"] ?? "?"), \(d["rawCents"] ?? "?") centimes \(d["error"] ?? "")")
        }
        return Words(en: "  [\(finding.kind.rawValue)] \(row.en)\(what.en)", fr: "  [\(finding.kind.rawValue)] \(row.fr)\(what.fr)")
    }

    /// A receipt's finding: where the receipt is and what it claims, then what is wrong.
    static func receiptWords(_ kind: AuditFinding.Kind, _ d: [String: String]) -> Words {
        let claim = Words(
            en: "receipt \(d["receipt"] ?? "?") (pass \(d["pass"] ?? "?"), \(d["receiptPartner"] ?? "?"), \(d["receiptValueCents"] ?? "?") cents, \(d["receiptRedeemedAt"] ?? "?")): ",
            fr: "reçu \(d["receipt"] ?? "?") (pass \(d["pass"] ?? "?"), \(d["receiptPartner"] ?? "?"), \(d["receiptValueCents"] ?? "?") centimes, \(d["receiptRedeemedAt"] ?? "?")) : ")
        let what: Words = switch kind {
        case .receiptNotGenuine: Words(en: "not signed by this service's key (\(d["reason"] ?? ""))", fr: "pas signé par la clé de ce service (\(d["reason"] ?? ""))")
        case .receiptUnpaid: Words(en: "its redemption is not in the spent list: it was deleted", fr: "son encaissement n'est pas dans la liste : il a été supprimé")
        case .receiptMismatch: Words(en: "the spent list's row differs (\(d["fields"] ?? "")): it was altered", fr: "la ligne de la liste diffère (\(d["fields"] ?? "")) : elle a été modifiée")
        case .receiptChain: Words(en: "the chain before it is not the one the service signed then: the history before it was rewritten (receipt \(d["receiptPrevious"] ?? ""), recomputed \(d["recomputed"] ?? ""))",
                                  fr: "la chaîne avant lui n'est pas celle que le service a signée alors : l'historique avant lui a été réécrit (reçu \(d["receiptPrevious"] ?? ""), recalculé \(d["recomputed"] ?? ""))")
        default: Words("")
        }
        return Words(en: claim.en + what.en, fr: claim.fr + what.fr)
    }

    /// "row 42 (pass 195 000 001-0, PiNG, 27/11/2026 14:05): "
    static func row(_ row: AuditRow) -> Words {
        let pass = row.passNumber ?? "\(row.kid)/\(row.serial)"
        let when = Paris.dayAndTime(row.redeemedAt)
        return Words(en: "row \(row.feedSequence) (pass \(pass), \(row.partnerName), \(when)): ", fr: "ligne \(row.feedSequence) (pass \(pass), \(row.partnerName), \(when)) : ")
    }
}
