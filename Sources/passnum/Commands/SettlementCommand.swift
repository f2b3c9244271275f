import ArgumentParser
import Foundation
import SpentList
import SpentListAPI

struct SettlementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement",
        abstract: "What each partner is owed for a month: count, total and the passes redeemed.",
        discussion: "Months are counted in Paris time. Reads the spent list directly (run it where the service's database is).")

    @OptionGroup var report: ReportOptions

    @Option(help: "Also write the settlement as an A4 PDF to this file.")
    var pdf: String?

    @Flag(help: "Replace the --pdf file if it exists.")
    var force = false

    func validate() throws {
        if let pdf, !force, FileManager.default.fileExists(atPath: pdf) {
            throw ValidationError("\(pdf) exists; use --force to replace it")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let (from, to, spent, partnerID) = try await report.open()
            let settlement = try await spent.settlement(from: from, to: to, partnerID: partnerID)
            let conflicts = try await spent.conflicts(from: from, to: to, partnerID: partnerID)
            if let pdf {
                try SettlementPDF(settlement: settlement, conflicts: conflicts, month: report.month).write(to: pdf, overwrite: force)
                Console.info(Words(en: "Settlement written to \(pdf).", fr: "Remboursements écrits dans \(pdf)."))
            }
            if report.csv {
                print(SettlementReport.csv(settlement), terminator: "")
            } else if report.json {
                print(API.text(SettlementReport.json(settlement, conflicts: conflicts)))
            } else {
                printText(settlement, conflicts: conflicts)
            }
        }
    }

    static func passes(_ count: Int) -> Words {
        Words(en: "\(count) pass\(count == 1 ? "" : "es")", fr: "\(count) pass")
    }

    private func printText(_ settlement: Settlement, conflicts: [Conflict]) {
        print(Words(en: "Settlement \(report.month)", fr: "Remboursements \(report.month)").text)
        for p in settlement.partners {
            print("  \(p.partnerName): \(Self.passes(p.count).text), \(SettlementReport.euros(p.totalCents)) €")
            let serials = p.redemptions.map { "\($0.pass.kid)/\($0.pass.serial)" }
            print("    " + serials.joined(separator: " "))
        }
        print(Words(en: "Total: ", fr: "Total : ").text + "\(Self.passes(settlement.count).text), \(SettlementReport.euros(settlement.totalCents)) €")
        guard !conflicts.isEmpty else { return }
        print(Words(en: "Conflicts (not reimbursed): \(conflicts.count)", fr: "Conflits (non remboursés) : \(conflicts.count)").text)
        for conflict in conflicts { print("  " + ConflictsCommand.line(conflict).text) }
    }
}
