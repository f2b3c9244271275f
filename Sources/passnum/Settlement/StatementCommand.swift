import ArgumentParser
import Conventions
import Foundation
import PassVerifier
import SpentList

/// A partner's own monthly statement, from the service with its partner key: the service
/// limits a partner key to that partner's rows, so a partner can only ever see its own.
struct StatementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "A partner's monthly statement from the service: its passes, the total, a PDF to sign.",
        discussion: """
            Asks the service (GET /v1/settlement) with the partner's key; the issuer named on the \
            PDF comes from the service's trust list unless --issuer is given. Months are counted \
            in Paris time. The programme's staff use `passnum settlement --partner NAME --pdf FILE`.
            """)

    @OptionGroup var format: ReportFormat

    @OptionGroup var service: ServiceOptions

    @OptionGroup var pdf: StatementPDFOptions

    func run() async throws {
        try await reportingFailures {
            let client = try service.client()
            let (from, to) = format.bounds
            let (answer, data) = try await client.settlement(from: Paris.isoDay(from), to: Paris.isoDay(to))
            let (settlement, conflicts) = try ServiceSettlement.values(answer)
            // A partner key sees one partner; its name is on its rows (a month without any shows "—").
            let partner = settlement.partners.first?.partnerName ?? "—"
            let trustList = try? await TrustList(json: client.trustList())
            try pdf.write(settlement, conflicts: conflicts, partner: partner, trustList: trustList)
            SettlementOutput(format: format).show(settlement, conflicts: conflicts) { String(decoding: data, as: UTF8.self) }
        }
    }
}
