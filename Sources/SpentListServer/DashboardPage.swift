import Charts
import Conventions
import Foundation
import SpentListAPI

/// The programme's dashboard (`GET /admin`) as one HTML page written by the service: the same
/// sections as the printed evaluation report (Charts' `ProgrammeSections`, made once from the
/// report), each chart as inline SVG and each table in a box that scrolls sideways on a phone.
/// Nothing is fetched from elsewhere and no script is needed to read it (the page's script only
/// draws the bar at the top and switches the language); the pages' Content-Security-Policy holds.
struct DashboardPage {
    /// The report with only the period's months (`DashboardPage.cut`).
    let report: API.Report
    let period: DashboardPeriod
    let french: Bool

    /// The report as the period shows it: every figure at the period's end, and of the months
    /// only those of the period (so partners, kinds of help and money add up over them).
    static func cut(_ report: API.Report, to period: DashboardPeriod) -> API.Report {
        var cut = report
        cut.months = report.months.filter { period.contains($0.month) }
        return cut
    }

    func say(_ fr: String, _ en: String) -> String { french ? Typography.french(fr) : en }

    var html: String {
        let sections = ProgrammeSections(report, words: french ? .fr : .en)
        let all = sections.cover + sections.sections
        return """
            <!doctype html>
            <html lang="\(french ? "fr" : "en")">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">\
            <link rel="stylesheet" href="/style.css"><title>\(e(say("Tableau de bord — passes numériques", "Dashboard — digital passes")))</title>\
            <script type="module" src="/js/dashboard.mjs"></script></head>
            <body class="dashboard">
            <header id="bar"></header>
            <main>
            <h1>\(e(say("Tableau de bord du programme", "Programme dashboard")))</h1>
            \(asOf)
            \(form)
            \(scope)
            \(downloads)
            \(contents(all))
            <div class="panels">
            \(all.map(panel).joined(separator: "\n"))
            </div>
            </main>
            </body>
            </html>

            """
    }

    private var asOf: String {
        let text: String
        if period.isNow {
            let when = french ? Paris.dayAndTime(period.asOf) : Paris.isoDay(period.asOf) + " " + Paris.dayAndTime(period.asOf).suffix(5)
            text = say("Chiffres au \(when) (heure de Paris)", "Figures as of \(when) (Paris time)")
        } else {
            let lastDay = period.asOf.addingTimeInterval(-1)
            text = say("Chiffres à la fin de la période, le \(Paris.day(lastDay)) au soir", "Figures at the end of the period, \(Paris.isoDay(lastDay))")
        }
        return "<p class=\"as-of\" id=\"as-of\">\(e(text)).</p>"
    }

    /// What the period changes, and what it does not.
    private var scope: String {
        let scope = say(
            "Les mois, les partenaires, les types d'aide et les remboursements portent sur les mois choisis ; le parcours des carnets, les bureaux, les lots et les délais comptent tout depuis le début du programme jusqu'à la fin de la période.",
            "Months, partners, kinds of help and reimbursements cover the months chosen; the carnets' path, offices, batches and times count everything from the programme's start to the end of the period.")
        return "<p class=\"help\">\(e(scope))</p>"
    }

    /// The period chooser: a plain GET form (no script), the language kept.
    private var form: String {
        """
        <form class="row period" method="get" action="/admin">\
        <span class="field"><label for="from">\(e(say("Du mois", "From")))</label><input id="from" name="from" type="month" value="\(period.from)"></span>\
        <span class="field"><label for="to">\(e(say("au mois", "to")))</label><input id="to" name="to" type="month" value="\(period.to)"></span>\
        <input type="hidden" name="lang" value="\(french ? "fr" : "en")">\
        <button type="submit">\(e(say("Afficher", "Show")))</button></form>
        """
    }

    /// The same figures as a file: the report's JSON (`GET /v1/report`) and its spreadsheet CSV.
    private var downloads: String {
        let query = period.reportQuery, day = Paris.isoDay(period.asOf.addingTimeInterval(period.isNow ? 0 : -1))
        let json = "/v1/report" + (query.isEmpty ? "" : "?" + query)
        let csv = "/v1/report?" + (query.isEmpty ? "" : query + "&") + "format=csv"
        return """
            <p class="row downloads"><a id="download-json" class="button" href="\(e(json))" download="passnum-rapport-\(day).json">\
            \(e(say("Télécharger le rapport (JSON)", "Download the report (JSON)")))</a>\
            <a id="download-csv" class="button" href="\(e(csv))" download="passnum-rapport-\(day).csv">\
            \(e(say("Télécharger (CSV, tableur)", "Download (CSV, spreadsheet)")))</a></p>
            """
    }

    private func contents(_ sections: [ReportSection]) -> String {
        let links = sections.map { "<li><a href=\"#\(e($0.id))\">\(e($0.title))</a></li>" }.joined()
        return "<nav class=\"contents\" aria-label=\"\(e(say("Sur cette page", "On this page")))\"><ul>\(links)</ul></nav>"
    }

    /// A section: its heading and sentences, its chart when there is something to draw, its
    /// table; when neither has anything, the table's words (or the chart's) say so once.
    func panel(_ section: ReportSection) -> String {
        var out = "<section class=\"panel\" id=\"\(e(section.id))\"><h2>\(e(section.title))</h2>"
        for paragraph in section.paragraphs where !paragraph.isEmpty { out += "<p>\(e(paragraph))</p>" }
        let chart = section.chart.flatMap { $0.isEmpty ? nil : $0 }, table = section.table.flatMap { $0.rows.isEmpty ? nil : $0 }
        if let chart { out += figure(chart, id: "chart-\(section.id)") }
        if let table {
            out += Self.table(table, label: section.title)
        } else if chart == nil, let empty = [section.table?.emptyText, section.chart?.emptyText].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            out += "<p class=\"empty\">\(e(empty))</p>"
        }
        return out + "</section>"
    }

    /// The chart laid out twice: narrow for a phone, whose screen then shows its words at about
    /// their size, and wide for a larger screen; the stylesheet shows one.
    private func figure(_ chart: Chart, id: String) -> String {
        let numbers: ChartNumbers = french ? .fr : .en
        let layouts = [("narrow", 320.0), ("wide", 440.0)].map { variant, width in
            "<div class=\"\(variant)\">" + SVGChart.svg(chart, id: "\(id)-\(variant)", layout: ChartLayout(width: width, numbers: numbers)) + "</div>"
        }
        return "<figure class=\"chart-box\">" + layouts.joined() + "</figure>"
    }

    private static func table(_ table: ReportTable, label: String) -> String {
        func cells(_ values: [String], tag: String) -> String {
            zip(table.columns, values).map { column, value in
                "<\(tag)\(column.numeric ? " class=\"num\"" : "")>\(e(value))</\(tag)>"
            }.joined()
        }
        var out = "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(e(label))\"><table>"
        out += "<thead><tr>" + cells(table.columns.map(\.title), tag: "th") + "</tr></thead><tbody>"
        for row in table.rows { out += "<tr>" + cells(row, tag: "td") + "</tr>" }
        out += "</tbody>"
        if let total = table.total { out += "<tfoot><tr>" + cells(total, tag: "td") + "</tr></tfoot>" }
        return out + "</table></div>"
    }

    private func e(_ text: String) -> String { SVGChart.escape(text) }
    private static func e(_ text: String) -> String { SVGChart.escape(text) }
}
