import ArgumentParser
import Foundation
import SpentList
import SpentListAPI

struct SettlementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement",
        abstract: "What each partner is owed for a month: count, total and the passes redeemed.",
        discussion: """
            Months are counted in Paris time. Reads the spent list directly (run it where the \
            service's database is). With --partner, the PDF is that partner's statement, with a \
            box for each side to sign; a partner gets its own with `passnum statement`.
            """)

    @OptionGroup var report: ReportOptions

    @OptionGroup var pdf: StatementPDFOptions

    func run() async throws {
        try await reportingFailures {
            let (from, to, spent, partnerID) = try await report.open()
            let settlement = try await spent.settlement(from: from, to: to, partnerID: partnerID)
            let conflicts = try await spent.conflicts(from: from, to: to, partnerID: partnerID)
            try pdf.write(settlement, conflicts: conflicts, partner: report.partner)
            SettlementOutput(format: report.format).show(settlement, conflicts: conflicts) {
                API.text(SettlementReport.json(settlement, conflicts: conflicts))
            }
        }
    }
}
