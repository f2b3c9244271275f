import ArgumentParser
import Conventions
import Foundation
import SpentList
import SpentListAPI

struct ConflictsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Passes redeemed offline that do not count: taken by another partner first, revoked, or refused.",
        discussion: "Months are counted in Paris time, by scan time. Reads the spent list directly, like `passnum settlement`.")

    @OptionGroup var report: ReportOptions

    func run() async throws {
        try await reportingFailures {
            let (from, to, spent, partnerID) = try await report.open()
            let conflicts = try await spent.conflicts(from: from, to: to, partnerID: partnerID)
            if report.csv {
                print(SettlementReport.csv(conflicts), terminator: "")
                return
            }
            if report.format.csvFr {
                Output.stdout(Array(SpreadsheetCSV.conflicts(conflicts) { Self.reason($0).text }.utf8))
                return
            }
            if report.json {
                print(API.text(SettlementReport.json(conflicts, from: from, to: to)))
                return
            }
            print(Words(en: "Conflicts \(report.month): \(conflicts.count)", fr: "Conflits \(report.month) : \(conflicts.count)").text)
            for conflict in conflicts { print("  " + Self.line(conflict).text) }
        }
    }

    /// One conflict in words, both partners and both times.
    static func line(_ c: Conflict) -> Words {
        // The number printed on the pass, which staff and partners can find on paper.
        let pass = Words(
            en: "\(c.pass.printedNumber) (\(Euros.english(Int64(c.value.value))))", fr: "\(c.pass.printedNumber) (\(Euros.french(UInt64(c.value.value))))")
        let late = Paris.dayAndTime(c.scannedAt)
        let reason = Self.reason(c.reason)
        var en = "\(pass.en): \(reason.en): \(c.partnerName) scanned it \(late) (offline)"
        var fr = "\(pass.fr) : \(reason.fr) : \(c.partnerName) l'a scanné le \(late) (hors ligne)"
        if let first = c.firstPartnerName, let at = c.firstRedeemedAt {
            // The rule: the first redemption the service records wins, whatever the scan times.
            en += "; \(first) redeemed it first with the service (scanned \(Paris.dayAndTime(at))) and is the one reimbursed: the first redemption to reach the service counts, not the first scan"
            fr += " ; \(first) l'a fait enregistrer avant par le service (scanné le \(Paris.dayAndTime(at))) et c'est lui qui est remboursé : le premier encaissement arrivé au service compte, pas le premier scan"
        }
        return Words(en: en, fr: fr)
    }

    /// Why a conflict does not count, in words.
    static func reason(_ code: String) -> Words {
        Words(
            en: code == Reason.alreadySpent.rawValue ? "redeemed twice" : code == Reason.revoked.rawValue ? "revoked" : code,
            fr: code == Reason.alreadySpent.rawValue ? "encaissé deux fois" : code == Reason.revoked.rawValue ? "annulé" : code)
    }
}
