import ArgumentParser
import CarnetPrinter
import Charts
import Conventions
import Foundation
import SpentListAPI

/// `report --pdf FILE`: the programme's evaluation report for its funders, in French, on A4:
/// the same sections, charts and tables as the dashboard (`ProgrammeSections`).
struct ReportPDFOptions: ParsableArguments {
    @Option(help: "Write the evaluation report for the funders (French, A4) to this PDF file.") var pdf: String?
    @Option(help: "The programme's name on the report's cover.") var programme = "Pass numérique"
    @Flag(help: "Replace the --pdf file if it exists.") var force = false

    func validate() throws {
        if let pdf, !force, FileManager.default.fileExists(atPath: pdf) {
            throw ValidationError(Words(en: "\(pdf) exists; use --force to replace it", fr: "\(pdf) existe déjà ; --force pour le remplacer").text)
        }
    }

    /// Writes the PDF when `--pdf` was given.
    func write(_ report: API.Report, now: Date = Date()) throws {
        guard let pdf else { return }
        let pages = try EvaluationReportDocument.write(Self.paper(report, programme: programme, now: now), to: pdf, overwrite: force)
        Console.info(Words(en: "Evaluation report written to \(pdf) (\(pages) pages).", fr: "Rapport d'évaluation écrit dans \(pdf) (\(pages) pages)."))
    }

    static func paper(_ report: API.Report, programme: String, now: Date) -> EvaluationReport {
        let sections = ProgrammeSections(report, words: .frPaper)
        let asOf = report.asOf.date
        var facts: [String] = []
        if let first = report.months.first.flatMap({ Paris.month($0.month)?.from }) {
            let last = asOf.addingTimeInterval(-1)
            facts.append(Typography.french("Période : du \(Paris.longDay(first, french: true)) au \(Paris.longDay(last, french: true))"))
        }
        // The terminal's heading, without its full stop: a line among the cover's facts.
        let heading = ReportText(report: report, french: true).heading
        facts.append(heading.hasSuffix(".") ? String(heading.dropLast()) : heading)
        facts.append("Rapport édité le \(Paris.longDay(now, french: true))")
        let funders = report.batches.map(\.label)
        if !funders.isEmpty { facts.append(Typography.french("Lots des financeurs : " + funders.joined(separator: ", "))) }
        return EvaluationReport(
            title: "Rapport d'évaluation", programme: programme, facts: facts, headline: sections.headline, cover: sections.printedCover,
            sections: sections.printedSections, pageWord: "Page")
    }
}
