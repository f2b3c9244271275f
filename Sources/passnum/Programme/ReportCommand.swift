import ArgumentParser
import Conventions
import Foundation
import SpentList
import SpentListAPI

/// `passnum report`: the programme's figures (issue 13 §3-§4) from the service or the spent
/// list itself: the funnel by batch, office and month, kinds of help, carnets to remind, the
/// unused value at expiry, the liability and what each partner is owed. Totals only.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The programme's figures: funnel, kinds of help, carnets to remind, unused value, liability, what partners are owed.",
        discussion: """
            Figures at the end of --as-of's Paris day (default: now); months are Paris months. \
            README "For programme staff" says what each figure means. Publish the printed batches \
            first (`passnum batches publish`): the funnel counts the carnets of published batches.
            """)

    @Option(help: "A day, YYYY-MM-DD (Paris time): the figures at its end. Default: now.") var asOf: String?
    @Flag(help: "JSON, as GET /v1/report answers.") var json = false
    @Flag(help: "CSV for French spreadsheet software (semicolons, UTF-8 BOM, euros as 10,00): one line per figure.") var csv = false

    @OptionGroup var source: AdminSource
    @OptionGroup var paper: ReportPDFOptions

    func validate() throws {
        if let asOf, Paris.startOfDay(asOf) == nil {
            throw ValidationError(Words(en: "--as-of '\(asOf)' is not a day such as 2027-06-30", fr: "--as-of « \(asOf) » n'est pas un jour comme 2027-06-30").text)
        }
        if [json, csv, paper.pdf != nil].filter({ $0 }).count > 1 {
            throw ValidationError(Words(en: "choose one of --json, --csv and --pdf", fr: "choisissez une seule forme : --json, --csv ou --pdf").text)
        }
    }

    func run() async throws {
        try await reportingFailures {
            let report = try await read()
            if paper.pdf != nil {
                try paper.write(report)
            } else if json {
                print(API.text(report))
            } else if csv {
                FileHandle.standardOutput.write(Data(SpreadsheetCSV.report(report).utf8))
            } else {
                print(ReportText(report: report).lines.joined(separator: "\n"))
            }
        }
    }

    func read() async throws -> API.Report {
        if let client = try source.client() { return try await client.report(asOf: asOf).0 }
        let end = asOf.flatMap(Paris.startOfDay).flatMap { Paris.calendar.date(byAdding: .day, value: 1, to: $0) } ?? Date()
        return try await source.store.open(.readOnly).report(asOf: end)
    }
}

/// The report for a terminal, in the reader's language: one line per figure group.
struct ReportText {
    let report: API.Report

    var lines: [String] {
        var lines = [Words(
            en: "Programme figures at \(Paris.dayAndTime(report.asOf.date)) (grace period: \(report.graceDays) days)",
            fr: "Chiffres du programme au \(Paris.dayAndTime(report.asOf.date)) (délai de grâce : \(report.graceDays) jours)").text]
        lines.append(Words(en: "All batches: ", fr: "Tous les lots : ").text + funnel(report.total))
        for batch in report.batches {
            let unused = batch.expired ? Words(en: "; unused at expiry: \(money(batch.unusedValueCents))", fr: " ; non utilisé à l'échéance : \(money(batch.unusedValueCents))").text : ""
            lines.append(Words(en: "Batch \(batch.label) (until \(batch.lastValidDay)): ", fr: "Lot \(batch.label) (jusqu'au \(batch.lastValidDay)) : ").text + funnel(batch.funnel) + unused)
        }
        for office in report.offices {
            lines.append(Words(en: "Office \(office.office): ", fr: "Bureau \(office.office) : ").text + funnel(office.funnel))
        }
        for month in report.months {
            let owed = month.partners.map { "\($0.name) \(money($0.valueCents))" }.joined(separator: ", ")
            lines.append(Words(
                en: "\(month.month): \(month.redemptions) passes used, \(money(month.redeemedCents)) owed (\(owed)); outstanding at month end: \(money(month.liabilityCents))",
                fr: "\(month.month) : \(month.redemptions) pass utilisés, \(money(month.redeemedCents)) dus (\(owed)) ; encours en fin de mois : \(money(month.liabilityCents))").text)
        }
        for office in report.expiringSoon {
            let carnets = office.carnets.map { "n° \($0.carnet) (\($0.passesLeft) → \($0.lastValidDay))" }.joined(separator: ", ")
            lines.append(Words(en: "To remind, \(office.office): \(carnets)", fr: "À relancer, \(office.office) : \(carnets)").text)
        }
        return lines
    }

    private func funnel(_ f: API.Funnel) -> String {
        let days = f.firstUseDays
        let (q1, median, q3) = (Self.days(days.q1), Self.days(days.median), Self.days(days.q3))
        return Words(
            en: "\(f.passesPrinted) passes in \(f.carnetsPrinted) carnets → \(f.carnetsHandedOut) handed out → \(f.carnetsFirstUsed) started → \(f.carnetsAllUsed) finished; \(f.passesExpiredUnused) expired unused, \(f.passesCancelledUnused) cancelled; first use after \(median.en) days (median, quartiles \(q1.en)–\(q3.en), \(days.count) carnets)",
            fr: "\(f.passesPrinted) pass en \(f.carnetsPrinted) carnets → \(f.carnetsHandedOut) remis → \(f.carnetsFirstUsed) commencés → \(f.carnetsAllUsed) terminés ; \(f.passesExpiredUnused) expirés non utilisés, \(f.passesCancelledUnused) annulés ; première utilisation après \(median.fr) jours (médiane, quartiles \(q1.fr)–\(q3.fr), \(days.count) carnets)").text
    }

    /// "3.5" and "3,5".
    private static func days(_ value: Double) -> (en: String, fr: String) {
        let text = String(format: "%.1f", value)
        return (text, text.replacingOccurrences(of: ".", with: ","))
    }

    private func money(_ cents: Int64) -> String { Money.local(UInt64(max(0, cents))) }
}
