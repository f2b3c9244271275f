import ArgumentParser
import Foundation
import SpentList
import SpentListServer

struct SettlementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement",
        abstract: "What each partner is owed for a month: count, total and the passes redeemed.",
        discussion: "Months are counted in Paris time. Reads the spent list directly (run it where the service's database is).")

    @Option(help: "The month, YYYY-MM.")
    var month: String

    @Option(help: "Only this partner.")
    var partner: String?

    @Flag(help: "CSV, one line per redemption.")
    var csv = false

    @Flag(help: "JSON, as GET /v1/settlement answers.")
    var json = false

    @Option(help: "Also write the settlement as an A4 PDF to this file.")
    var pdf: String?

    @Flag(help: "Replace the --pdf file if it exists.")
    var force = false

    @OptionGroup var store: StoreOption

    func validate() throws {
        guard SettlementReport.month(month) != nil else { throw ValidationError("--month '\(month)' is not a month such as 2026-11") }
        if csv && json { throw ValidationError("choose --csv or --json, not both") }
        if let pdf, !force, FileManager.default.fileExists(atPath: pdf) {
            throw ValidationError("\(pdf) exists; use --force to replace it")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let (from, to) = SettlementReport.month(month)!
            let spent = try store.open()
            let partnerID = try await Self.partnerID(partner, in: spent)
            let settlement = try await spent.settlement(from: from, to: to, partnerID: partnerID)
            let conflicts = try await spent.conflicts(from: from, to: to, partnerID: partnerID)
            if let pdf {
                try SettlementPDF(settlement: settlement, conflicts: conflicts, month: month).write(to: pdf)
                Console.info(Words(en: "Settlement written to \(pdf).", fr: "Remboursements écrits dans \(pdf)."))
            }
            if csv {
                print(SettlementReport.csv(settlement), terminator: "")
            } else if json {
                print(SettlementReport.json(settlement, conflicts: conflicts).text)
            } else {
                printText(settlement, conflicts: conflicts)
            }
        }
    }

    /// The id of the partner named `name`, or nil for all partners.
    static func partnerID(_ name: String?, in spent: any SpentStore) async throws -> Int64? {
        guard let name else { return nil }
        guard let found = try await spent.partners().first(where: { $0.name == name }) else {
            throw Failure(Words(en: "no partner named \(name)", fr: "aucun partenaire nommé \(name)"), hint: Words(en: "`passnum partners list` shows them", fr: "`passnum partners list` les montre"))
        }
        return found.id
    }

    static func passes(_ count: Int) -> Words {
        Words(en: "\(count) pass\(count == 1 ? "" : "es")", fr: "\(count) pass")
    }

    private func printText(_ settlement: Settlement, conflicts: [Conflict]) {
        print(Words(en: "Settlement \(month)", fr: "Remboursements \(month)").text)
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
