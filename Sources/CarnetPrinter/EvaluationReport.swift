import Charts
import Foundation

/// The programme's evaluation report for its funders, as printed: a cover (the programme, the
/// period, the funders' batches and the key figures), then one section a subject, each with its
/// chart and table. Words and numbers only, in the reader's language (French for the funders);
/// the caller makes the sections from the programme's report (`ProgrammeSections`), the same
/// ones the dashboard shows, and `EvaluationReportDocument` lays them out on A4.
public struct EvaluationReport: Sendable {
    /// "Rapport d'évaluation".
    public var title: String
    /// "Pass numérique — Nantes Métropole".
    public var programme: String
    /// Lines under the title: the period, when the figures were taken, when it was printed.
    public var facts: [String]
    /// On the first page under the title, in large type: printed, handed out, used…
    public var headline: [HeadlineFigure]
    /// On the first page, under the headline figures.
    public var cover: [ReportSection]
    /// From the second page on.
    public var sections: [ReportSection]
    /// "Page", before "2 / 5".
    public var pageWord: String

    public init(
        title: String, programme: String, facts: [String], headline: [HeadlineFigure] = [], cover: [ReportSection], sections: [ReportSection],
        pageWord: String
    ) {
        (self.title, self.programme, self.facts, self.headline) = (title, programme, facts, headline)
        (self.cover, self.sections, self.pageWord) = (cover, sections, pageWord)
    }
}

/// The evaluation report as an A4 PDF, through the one atomic output.
public enum EvaluationReportDocument {
    /// Writes `report` to `path`; returns the number of pages.
    @discardableResult
    public static func write(
        _ report: EvaluationReport, to path: String, overwrite: Bool = false, fontDirectory: String = Fonts.defaultDirectory
    ) throws(PrinterError) -> Int {
        try PageFlow.write(
            to: path, overwrite: overwrite, fontDirectory: fontDirectory, title: "\(report.title) — \(report.programme)", chainedKeeps: true,
            content: { flow in ReportLayout(report: report, flow: flow).blocks() },
            footer: { canvas, page, count in
                PageFlow.footer("\(report.title) — \(report.programme)", page: "\(report.pageWord) \(page) / \(count)", on: canvas)
            })
    }
}
