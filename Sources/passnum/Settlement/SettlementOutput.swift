import ArgumentParser
import CarnetPrinter
import Foundation
import PassVerifier
import SpentList

/// `--pdf FILE` of `settlement` and `statement`: the month as an A4 statement to print and sign.
struct StatementPDFOptions: ParsableArguments {
    @Option(help: "Also write the statement as an A4 PDF to this file.")
    var pdf: String?

    @Flag(help: "Replace the --pdf file if it exists.")
    var force = false

    @Option(help: "The issuer named on the PDF (default: as the trust list names the passes' keys).")
    var issuer: String?

    @OptionGroup var trustList: TrustListOption

    func validate() throws {
        if let pdf, !force, FileManager.default.fileExists(atPath: pdf) {
            throw ValidationError(Words(en: "\(pdf) exists; use --force to replace it", fr: "\(pdf) existe déjà ; --force pour le remplacer").text)
        }
    }

    /// Writes the PDF when `--pdf` was given; `trustList` names the issuer (default: the
    /// --trust-list file, when it can be read).
    func write(_ settlement: Settlement, conflicts: [Conflict], partner: String?, trustList given: TrustList? = nil) throws {
        guard let pdf else { return }
        let passes = settlement.partners.flatMap { $0.redemptions.map(\.pass) }
        let list = given ?? (try? trustList.file.load())
        let name = StatementBuilder.issuer(given: issuer, trustList: list, passes: passes)
        let statement = StatementBuilder.statement(settlement, conflicts: conflicts, issuer: name, partner: partner)
        let pages = try StatementDocument.write(statement, to: pdf, overwrite: force)
        Console.info(Words(en: "Statement written to \(pdf) (\(pages) page\(pages == 1 ? "" : "s")).",
                           fr: "Relevé écrit dans \(pdf) (\(pages) page\(pages == 1 ? "" : "s"))."))
    }
}

/// A month's settlement on stdout, in the form asked for.
struct SettlementOutput {
    let format: ReportFormat

    /// `json` is the JSON form (the service's answer, or the same built locally).
    func show(_ settlement: Settlement, conflicts: [Conflict], json: () -> String) {
        if format.csv {
            print(SettlementReport.csv(settlement), terminator: "")
        } else if format.csvFr {
            Output.stdout(Array(SpreadsheetCSV.settlement(settlement).utf8))
        } else if format.json {
            print(json())
        } else {
            printText(settlement, conflicts: conflicts)
        }
    }

    static func passes(_ count: Int) -> Words {
        Words(en: "\(count) pass\(count == 1 ? "" : "es")", fr: "\(count) pass")
    }

    private func printText(_ settlement: Settlement, conflicts: [Conflict]) {
        print(Words(en: "Settlement \(format.month)", fr: "Remboursements \(format.month)").text)
        for p in settlement.partners {
            print("  " + Words(en: "\(p.partnerName): ", fr: "\(p.partnerName) : ").text + "\(Self.passes(p.count).text), \(Money.local(UInt64(p.totalCents)))")
            let numbers = p.redemptions.map(\.pass.printedNumber)
            print("    " + numbers.joined(separator: " · "))
        }
        print(Words(en: "Total: ", fr: "Total : ").text + "\(Self.passes(settlement.count).text), \(Money.local(UInt64(settlement.totalCents)))")
        guard !conflicts.isEmpty else { return }
        print(Words(en: "Conflicts (not reimbursed): \(conflicts.count)", fr: "Conflits (non remboursés) : \(conflicts.count)").text)
        for conflict in conflicts { print("  " + ConflictsCommand.line(conflict).text) }
    }
}
