import Charts
import Testing

/// A report section on a terminal (`passnum report`): the title underlined, the sentence
/// wrapped, the table in columns (names left, numbers right, totals under a rule), what a
/// chart alone shows as a table, and the section's own words when there is nothing yet.
@Suite struct SectionTextTests {
    static let partners = ReportSection(
        id: "partners", title: "Par partenaire", paragraphs: ["Les pass utilisés chez chaque partenaire, et ce qui lui est dû."],
        table: ReportTable(
            columns: [.init("Partenaire", numeric: false), .init("Pass"), .init("Montant dû")],
            rows: [["PiNG", "1 207", "3 150 €"], ["Médiathèque", "4", "40 €"]], total: ["Total", "1 211", "3 190 €"], emptyText: "Aucun pass."))

    @Test func aTableHasItsNamesLeftItsNumbersRightAndItsTotalUnderARule() {
        #expect(SectionText.lines(Self.partners, numbers: .fr) == [
            "Par partenaire",
            "--------------",
            "Les pass utilisés chez chaque partenaire, et ce qui lui est dû.",
            "  Partenaire    Pass  Montant dû",
            "  PiNG         1 207     3 150 €",
            "  Médiathèque      4        40 €",
            "  ------------------------------",
            "  Total        1 211     3 190 €",
        ])
    }

    @Test func aSentenceIsWrappedAndAnEmptyTableSaysSo() {
        var section = Self.partners
        section.table = ReportTable(columns: Self.partners.table!.columns, rows: [], emptyText: "Aucun pass utilisé pour l'instant.")
        let lines = SectionText.lines(section, numbers: .fr, width: 30)
        #expect(lines == ["Par partenaire", "--------------", "Les pass utilisés chez chaque", "partenaire, et ce qui lui est", "dû.",
                          "  Aucun pass utilisé pour l'instant."])
    }

    /// The funnel has a chart and no table: its figures are written as the chart's numbers.
    @Test func aChartAloneIsWrittenAsATableOfItsNumbers() {
        let chart = Chart(title: "Carnets à chaque étape", orientation: .rows, unit: .count, categories: ["Imprimés", "Remis"],
                          series: [.init(name: "Carnets", values: [1200, 460])], emptyText: "Aucun carnet imprimé pour l'instant.")
        let section = ReportSection(id: "funnel", title: "Parcours", chart: chart)
        #expect(SectionText.lines(section, numbers: .fr).dropFirst(2) == [
            "  Carnets à chaque étape  Carnets", "  Imprimés                  1\u{202F}200", "  Remis                       460",
        ])
        var empty = chart
        empty.series = [.init(name: "Carnets", values: [0, 0])]
        #expect(SectionText.lines(ReportSection(id: "funnel", title: "Parcours", chart: empty), numbers: .fr).last == "  Aucun carnet imprimé pour l'instant.")
    }
}
