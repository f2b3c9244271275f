import ArgumentParser
import Foundation
import SpentList
import SpentListAPI

/// What `settlement` and `conflicts` both take: a month, optionally one partner, the output
/// form, and the spent list to read.
struct ReportOptions: ParsableArguments {
    @Option(help: "The month, YYYY-MM (Paris time).")
    var month: String

    @Option(help: "Only this partner.")
    var partner: String?

    @Flag(help: "CSV, one line per redemption (or per conflict).")
    var csv = false

    @Flag(help: "JSON, as the service's route answers.")
    var json = false

    @OptionGroup var store: StoreOption

    func validate() throws {
        guard SettlementReport.month(month) != nil else { throw ValidationError("--month '\(month)' is not a month such as 2026-11") }
        if csv && json { throw ValidationError("choose --csv or --json, not both") }
    }

    /// The month's bounds, the opened spent list and the partner's id (nil: all partners).
    func open() async throws -> (from: Date, to: Date, spent: any SpentStore, partnerID: Int64?) {
        let (from, to) = SettlementReport.month(month)!
        let spent = try store.open(.readOnly)
        return (from, to, spent, try await partnerID(in: spent))
    }

    private func partnerID(in spent: any SpentStore) async throws -> Int64? {
        guard let partner else { return nil }
        guard let found = try await spent.partners().first(where: { $0.name == partner }) else {
            throw Failure(Words(en: "no partner named \(partner)", fr: "aucun partenaire nommé \(partner)"),
                          hint: Words(en: "`passnum partners list` shows them", fr: "`passnum partners list` les montre"))
        }
        return found.id
    }
}
