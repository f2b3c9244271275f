import ArgumentParser
import Conventions
import Foundation
import SpentList
import SpentListAPI

/// The month and the output form of a report (`settlement`, `conflicts`, `statement`).
struct ReportFormat: ParsableArguments {
    @Option(help: "The month, YYYY-MM (Paris time).")
    var month: String

    @Flag(help: "CSV, one line per redemption (or per conflict).")
    var csv = false

    @Flag(help: "CSV for French spreadsheet software: semicolons, UTF-8 BOM, euros as 10,00, Paris time.")
    var csvFr = false

    @Flag(help: "JSON, as the service's route answers.")
    var json = false

    func validate() throws {
        guard Paris.month(month) != nil else { throw ValidationError(Words(en: "--month '\(month)' is not a month such as 2026-11", fr: "--month « \(month) » n'est pas un mois comme 2026-11").text) }
        if [csv, csvFr, json].filter({ $0 }).count > 1 { throw ValidationError(Words(en: "choose one of --csv, --csv-fr and --json", fr: "choisissez une seule forme : --csv, --csv-fr ou --json").text) }
    }

    /// The month's first instant and the next month's, Paris time.
    var bounds: (from: Date, to: Date) { Paris.month(month)! }
}

/// What `settlement` and `conflicts` both take: a month, optionally one partner, the output
/// form, and the spent list to read.
struct ReportOptions: ParsableArguments {
    @OptionGroup var format: ReportFormat

    @Option(help: "Only this partner.")
    var partner: String?

    @OptionGroup var store: StoreOption

    var month: String { format.month }
    var csv: Bool { format.csv }
    var json: Bool { format.json }

    /// The month's bounds, the opened spent list and the partner's id (nil: all partners).
    func open() async throws -> (from: Date, to: Date, spent: any SpentStore, partnerID: Int64?) {
        let (from, to) = format.bounds
        let spent = try await store.open(.readOnly)
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
