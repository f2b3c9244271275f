import CarnetPrinter
import Charts
import Foundation
import Testing

/// The evaluation report on paper: a real PDF (poppler reads it), the cover on page 1, each
/// section's words, its chart's names and values drawn by cairo, and its table, in French.
@Suite struct EvaluationReportDocumentTests {
    static let months = Chart(
        title: "Pass utilisés par mois", orientation: .columns, unit: .count,
        categories: ["oct.\n2026", "nov."], series: [.init(name: "Pass", values: [120, 1234])], emptyText: "Aucun pass utilisé")

    static let partners = Chart(
        title: "Remboursements par partenaire", orientation: .rows, unit: .cents,
        categories: ["PiNG", "Secours populaire"], series: [.init(name: "Montant", values: [125_000, 20_000])], emptyText: "Rien")

    static func report(rows: Int = 3) -> EvaluationReport {
        let table = ReportTable(
            columns: [.init("Partenaire", numeric: false), .init("Pass utilisés"), .init("Montant dû")],
            rows: (0..<rows).map { ["Partenaire n° \($0 + 1)", "\($0 * 3)", "\($0 * 30),00 €"] },
            total: ["Total", "\(rows * 3)", "—"], emptyText: "Aucun partenaire")
        return EvaluationReport(
            title: "Rapport d'évaluation", programme: "Pass numérique — Nantes Métropole",
            facts: ["Période : du 01/01/2026 au 27/11/2026", "Chiffres au 27/11/2026 22:00 (heure de Paris)"],
            cover: [ReportSection(id: "batches", title: "Lots des financeurs", table: table)],
            sections: [
                ReportSection(id: "months", title: "Pass utilisés par mois", paragraphs: ["Chaque mois, les pass utilisés chez les partenaires."],
                              chart: months),
                ReportSection(id: "partners", title: "Par partenaire", chart: partners, table: table),
            ],
            pageWord: "Page")
    }

    @Test func theReportIsAPDFWithItsCoverChartsAndTablesInFrench() throws {
        let scratch = Scratch()
        let path = scratch.file("rapport.pdf")
        let pages = try EvaluationReportDocument.write(Self.report(), to: path)
        #expect(pages == 2, "the cover, then the sections from a new page")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: Data("%PDF-".utf8)) && String(decoding: bytes.suffix(8), as: UTF8.self).contains("%%EOF"))
        let info = try run("/usr/bin/pdfinfo", [path]).output
        #expect(info.contains(try Regex("Pages: +2\n")) && info.contains("595.276 x 841.89 pts (A4)"), "\(info)")
        let cover = try StatementDocumentTests.text(path, page: 1)
        for expected in ["Rapport d'évaluation", "Pass numérique — Nantes Métropole", "Période : du 01/01/2026 au 27/11/2026",
                         "Lots des financeurs", "Partenaire n° 3", "Page 1 / 2"] {
            #expect(cover.contains(expected), "missing \(expected) on the cover: \(cover)")
        }
        #expect(!cover.contains("Par partenaire"), "the sections start on page 2")
        let sections = try StatementDocumentTests.text(path, page: 2)
        for expected in ["Pass utilisés par mois", "oct.", "2026", "1 234", "120", "Secours populaire", "1 250 €", "200 €",
                         "Montant dû", "Total", "Page 2 / 2"] {
            #expect(sections.contains(expected), "missing \(expected) in the sections: \(sections)")
        }
    }

    /// A first section of `rows` rows with a total, then a heading, its sentence, a chart and its table:
    /// as `rows` grows, every page break falls somewhere in them once.
    static func breaking(rows: Int) -> EvaluationReport {
        let table = ReportTable(
            columns: [.init("Partenaire", numeric: false), .init("Pass utilisés")], rows: (1...rows).map { ["Ligne-\($0)-fin", "\($0)"] },
            total: ["Total", "\(rows)"], emptyText: "")
        return EvaluationReport(
            title: "Rapport d'évaluation", programme: "Pass numérique", facts: [], cover: [],
            sections: [
                ReportSection(id: "partners", title: "Par partenaire", table: table),
                ReportSection(id: "months", title: "Pass utilisés par mois", paragraphs: ["Chaque mois, les pass utilisés."], chart: months,
                              table: ReportTable(columns: [.init("Mois du tableau", numeric: false), .init("Pass")],
                                                 rows: [["Mois-A", "120"], ["Mois-B", "1 234"]], emptyText: "")),
            ],
            pageWord: "Page")
    }

    @Test func aTotalKeepsItsLastRowsAndAHeadingItsChartAndTable() throws {
        let scratch = Scratch()
        for rows in stride(from: 20, through: 50, by: 1) {
            let path = scratch.file("rapport-\(rows).pdf")
            let pages = try EvaluationReportDocument.write(Self.breaking(rows: rows), to: path)
            for page in 1...pages {
                let text = try StatementDocumentTests.text(path, page: page)
                if text.contains("Total") {
                    #expect(text.contains("Ligne-\(rows - 1)-fin") && text.contains("Ligne-\(rows)-fin"), "\(rows) rows, page \(page): \(text)")
                }
                if text.contains("Pass utilisés par mois") {
                    #expect(text.contains("Chaque mois") && text.contains("oct."), "\(rows) rows, page \(page): the heading without its chart")
                    #expect(text.contains("Mois du tableau") && text.contains("Mois-B"), "\(rows) rows, page \(page): the chart without its table")
                }
            }
        }
    }

    @Test func aLongTableRunsOverPagesWithItsColumnTitlesAgain() throws {
        let scratch = Scratch()
        let path = scratch.file("rapport.pdf")
        let pages = try EvaluationReportDocument.write(Self.report(rows: 150), to: path)
        #expect(pages >= 5)
        for page in 2...pages - 1 {
            let text = try StatementDocumentTests.text(path, page: page)
            #expect(text.contains("Montant dû") && text.contains("Page \(page) / \(pages)"), "page \(page): \(text)")
        }
    }
}
