import ArgumentParser
import Charts
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

    @Option(help: "Language of the summary: fr or en (default: PASSNUM_LANG, then the locale). The CSV and the PDF are in French.")
    var lang: Language?

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
        if let lang { Language.current = lang }
        try await reportingFailures {
            let report = try await read()
            if paper.pdf != nil {
                try paper.write(report)
            } else if json {
                print(API.text(report))
            } else if csv {
                FileHandle.standardOutput.write(Data(SpreadsheetCSV.report(report).utf8))
            } else {
                print(ReportText(report: report, french: Language.current == .fr).lines.joined(separator: "\n"))
            }
        }
    }

    func read() async throws -> API.Report {
        if let client = try source.client() { return try await client.report(asOf: asOf).0 }
        let end = asOf.flatMap(Paris.startOfDay).flatMap { Paris.calendar.date(byAdding: .day, value: 1, to: $0) } ?? Date()
        return try await source.store.open(.readOnly).report(asOf: end)
    }
}

/// The report for a terminal, in the reader's language: the sections of the dashboard and the
/// evaluation report (Charts' `ProgrammeSections`), each a title, a plain sentence and a table.
struct ReportText {
    let report: API.Report
    let french: Bool

    var lines: [String] {
        // Days in words ("30 juin 2027"), as on the funders' paper: a sentence's way, not a form's.
        let words: ReportWords = french ? .frPaper : .en
        let sections = ProgrammeSections(report, words: words)
        return [heading] + nothingPublished + (sections.cover + sections.sections).flatMap { [""] + SectionText.lines($0, numbers: words.numbers) }
    }

    /// Before the first batch is published every figure is 0: say why, and what to do.
    var nothingPublished: [String] {
        guard report.batches.isEmpty else { return [] }
        return [french
            ? Typography.french("Aucun lot publié : les carnets ne sont comptés qu'une fois leurs lots publiés (passnum batches publish, sur le poste qui a imprimé les pass).")
            : "No batch published: carnets are counted once their batches are published (passnum batches publish, on the machine that printed the passes)."]
    }

    /// "Chiffres du programme à la fin du 31 décembre 2026 (heure de Paris)", or "au 28
    /// novembre 2026 à 14:05" when the figures are not at the end of a day.
    var heading: String {
        let asOf = report.asOf.date
        let time = Paris.calendar.dateComponents([.hour, .minute], from: asOf)
        if time.hour == 0, time.minute == 0 {
            let day = Paris.longDay(asOf.addingTimeInterval(-1), french: french)
            return french ? "Chiffres du programme à la fin du \(day) (heure de Paris)." : "Programme figures at the end of \(day) (Paris time)."
        }
        let clock = String(format: "%02d:%02d", time.hour!, time.minute!)
        let day = Paris.longDay(asOf, french: french)
        return french ? "Chiffres du programme au \(day) à \(clock) (heure de Paris)." : "Programme figures on \(day) at \(clock) (Paris time)."
    }
}
